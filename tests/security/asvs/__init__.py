"""Tests proving the ASVS 5.0 level-2 controls that docs/security/asvs-l2.md listed as
"untested": each fails when its control is removed (see the checklist row it names)."""
