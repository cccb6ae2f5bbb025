"""railguard: keeps AI coding agents from destroying what cannot be given back."""

__version__ = "0.1.0"
