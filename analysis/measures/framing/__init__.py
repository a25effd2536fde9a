"""Framing devices (word lists and rules), Policy Frames Codebook frames, and the framing section that joins them."""
