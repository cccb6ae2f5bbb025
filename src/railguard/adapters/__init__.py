"""One adapter per agent: its hook payload in, its decision format out."""
