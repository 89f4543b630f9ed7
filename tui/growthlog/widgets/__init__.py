"""Reusable widgets. They show what they are given and post messages; none touches storage."""
