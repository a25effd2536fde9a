"""What is drawn from reports: figures in one house style, the reading view, findings in sentences."""
