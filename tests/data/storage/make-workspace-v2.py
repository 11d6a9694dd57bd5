#!/usr/bin/env python3
"""Writes workspace-v2.carws: a CAR Console workspace of schema version 2 (snapshots and saved
tests), made without the application, so that tests prove the build reads (and, once there is a
version 3, migrates) files written by the release that introduced version 2.

It is the version 1 fixture (make-workspace-v1.py, same rules, users, settings and history) plus
the frozen copy of the version 2 DDL below (storage/schema.cpp) and two snapshots and two saved
tests. Do not edit the DDL when the schema changes: add a new fixture for the new version instead.

Usage: python3 make-workspace-v2.py [output path]   (default: next to this script)
"""
import importlib.util
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SCHEMA_V2 = """
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    rule_set_id INTEGER NOT NULL UNIQUE REFERENCES rule_sets(id) ON DELETE CASCADE
        CHECK (rule_set_id <> 1),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    created_utc TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE saved_tests (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    user_text TEXT NOT NULL,
    protocol TEXT NOT NULL,
    authentication_type TEXT NOT NULL,
    address TEXT NOT NULL,
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    middle_tier INTEGER NOT NULL CHECK (middle_tier IN (0, 1)),
    expected_action TEXT NOT NULL,
    expected_rule TEXT NOT NULL DEFAULT ''
);
"""

# (rule_set_id, name, created_utc, note, environment, netbios, rules) where rules are
# (uuid, name, action, enabled, scope, filter, {list: [values]}) in priority order.
SNAPSHOTS = [
    (2, "Go-live", "2026-11-27T16:00:00.000Z", "applied to Exchange 2026-11-27",
     "ExchangeOnline", "CONTOSO",
     [("6f1c2b1e-0d7a-4a53-9b0e-0a1b2c3d4e5f", "Always Allow Remote PowerShell", "AllowAccess",
       1, "All", "", {"AnyOfProtocols": ["RemotePowerShell"]}),
      ("0b5e1c7d-2f4a-4c3b-8d9e-1a2b3c4d5e6f", "Block EAS outside", "DenyAccess", 1, "All", "",
       {"AnyOfProtocols": ["ExchangeActiveSync"],
        "ExceptAnyOfClientIPAddressesOrRanges": ["192.168.0.0/16"]})]),
    (3, "Ärger", "2026-11-28T08:30:15.500Z", "", "ExchangeServer", "FABRIKAM", []),
]

# (name, user, protocol, authentication, address, port, middle tier, action, rule) in order.
SAVED_TESTS = [
    ("EAC from outside", "megan.bowen@contoso.com", "ExchangeAdminCenter", "BasicAuthentication",
     "203.0.113.9", 443, 0, "DenyAccess", "Allow EAC access only for MGMT"),
    ("RPS over IPv6", "nestorw", "RemotePowerShell", "NonBasicAuthentication", "2001:db8::7",
     5986, 1, "AllowAccess", ""),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "workspace-v2.carws")
    spec = importlib.util.spec_from_file_location("v1", os.path.join(HERE, "make-workspace-v1.py"))
    v1 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(v1)
    sys.argv = [sys.argv[0], out]
    v1.main()

    db = sqlite3.connect(out)
    db.executescript(SCHEMA_V2)
    for rule_set_id, name, created, note, environment, netbios, rules in SNAPSHOTS:
        db.execute("INSERT INTO rule_sets (id, environment, netbios_domain) VALUES (?, ?, ?)",
                   (rule_set_id, environment, netbios))
        for position, (uuid, rule_name, action, enabled, scope, flt, lists) in enumerate(rules, 1):
            cur = db.execute(
                "INSERT INTO rules (rule_set_id, position, uuid, name, action, enabled, scope, "
                "user_recipient_filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rule_set_id, position, uuid, rule_name, action, enabled, scope, flt))
            for list_name, values in lists.items():
                for index, value in enumerate(values, 1):
                    db.execute("INSERT INTO rule_values (rule_id, list, position, value) "
                               "VALUES (?, ?, ?, ?)", (cur.lastrowid, list_name, index, value))
        # Python's casefold() and Qt's toCaseFolded() agree on these names.
        db.execute("INSERT INTO snapshots (rule_set_id, name, name_key, created_utc, note) "
                   "VALUES (?, ?, ?, ?, ?)", (rule_set_id, name, name.casefold(), created, note))
    for position, test in enumerate(SAVED_TESTS, 1):
        name, user, protocol, authentication, address, port, middle, action, rule = test
        db.execute("INSERT INTO saved_tests (position, name, name_key, user_text, protocol, "
                   "authentication_type, address, port, middle_tier, expected_action, "
                   "expected_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (position, name, name.casefold(), user, protocol, authentication, address,
                    port, middle, action, rule))
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.execute("VACUUM")
    db.close()


if __name__ == "__main__":
    main()
