"""Terraform and OpenTofu evidence: the local state and its backups, a per-root ledger, plans.

Everything here is standard library and reads files only; the one exception is
:func:`railguard.terraform.plan.load_plan`, which runs ``terraform show -json`` on a binary plan.
"""
