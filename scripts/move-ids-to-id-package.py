#!/usr/bin/env python3
"""One-off migration (issue 11): the identifiers AccountId, UserId, InvitationId and LinkId moved from the
capability packages to dev.invitekit.id, which breaks the cycles account<->member, invite<->link and
member<->link. Run it from the repository root on a branch written before the move (idempotent): it
rewrites imports and fully qualified names in .java and .md files, and adds the import to Java files of
the old packages that used the name without one."""
import pathlib
import re

MOVED = {"AccountId": "account", "UserId": "member", "InvitationId": "invite", "LinkId": "link"}
root = pathlib.Path(".")
for path in list(root.rglob("*.java")) + list(root.rglob("*.md")):
    if "target" in path.parts or ".git" in path.parts:
        continue
    text = path.read_text(encoding="utf-8")
    new = text
    for name, old in MOVED.items():
        new = new.replace(f"dev.invitekit.{old}.{name}", f"dev.invitekit.id.{name}")
    if path.suffix == ".java":
        package = re.search(r"^package ([\w.]+);", new, re.M)
        for name, old in MOVED.items():
            uses = re.search(rf"\b{name}\b", re.sub(r"^import .*$", "", new, flags=re.M))
            if (package and package.group(1) == f"dev.invitekit.{old}" and uses
                    and f"import dev.invitekit.id.{name};" not in new):
                new = re.sub(r"^(package [\w.]+;\n)", rf"\1\nimport dev.invitekit.id.{name};", new, count=1, flags=re.M)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(path)
