"""The report: every measure of one article in one typed object, written as versioned JSON."""
from analysis.report.build import Report, analyse_article, analyse_file

__all__ = ["Report", "analyse_article", "analyse_file"]
