"""Compares checkov JSON reports with checkov-accepted.yaml (run with the checkov venv's Python).

    python checkov-gate.py ACCEPTED.yaml REPORT.json[:FOLDER] ...

FOLDER: where that report's scan started, relative to deploy/terraform (its file paths are
relative to it); empty for a scan of deploy/terraform itself.

Exit 0 only when every failed check is accepted (same check, resource and file) with a reason, and
every accepted entry still fails; prints the closing counts either way.
"""
import json
import re
import sys

import yaml


def resource_in_module(address):
    # A module's resource reached through a call reads "module.<name>.<type>.<name>".
    return re.sub(r"^(module\.[^.]+\.)+", "", address)


def load_reports(arguments):
    for argument in arguments:
        path, _, folder = argument.partition(":")
        report = json.load(open(path, encoding="utf-8"))
        for part in report if isinstance(report, list) else [report]:
            yield folder.strip("/"), part


def main(accepted_path, *report_arguments):
    accepted_entries = yaml.safe_load(open(accepted_path, encoding="utf-8"))["accepted"]

    problems = []
    accepted = set()
    for entry in accepted_entries:
        key = (entry.get("check"), entry.get("resource"), entry.get("file"))
        if not all(key) or not str(entry.get("reason", "")).strip():
            problems.append(f"accepted entry {entry} needs check, resource, file and reason")
        accepted.add(key)

    passed = 0
    failed = {}
    for folder, part in load_reports(report_arguments):
        if part.get("summary", {}).get("parsing_errors", 0):
            problems.append(f"checkov could not parse: {part['results'].get('parsing_errors')}")
        passed += part["summary"]["passed"]
        for check in part["results"].get("failed_checks", []):
            file = "/".join(filter(None, [folder, check["file_path"].lstrip("/")]))
            key = (check["check_id"], resource_in_module(check["resource"]), file)
            failed[key] = f"{check['check_id']} {check['check_name']}: {check['resource']} ({check['file_path']}:{check['file_line_range'][0]})"

    for key in sorted(set(failed) - accepted):
        problems.append(f"failed and not accepted: {failed[key]}")
    for key in sorted(accepted - set(failed)):
        problems.append(f"accepted but no longer failing (remove it): {' '.join(key)}")

    for problem in problems:
        print(f"checkov: {problem}")
    print(f"checkov: {passed} passed, {len(failed)} failed, of which {len(set(failed) & accepted)} accepted in {accepted_path}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
