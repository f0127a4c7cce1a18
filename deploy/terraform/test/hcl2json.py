"""Prints a Terraform file as JSON (python-hcl2, which checkov brings), for the module tests.

    python hcl2json.py FILE.tf
"""
import json
import sys

import hcl2

with open(sys.argv[1], encoding="utf-8") as source:
    print(json.dumps(hcl2.load(source)))
