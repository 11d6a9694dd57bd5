#!/usr/bin/env python3
"""Writes workspace-v1.carws: a small CAR Console workspace of schema version 1, made without
the application so that tests can prove the build still reads (and, once there is a version 2,
migrates) files written by the first release.

The DDL below is a frozen copy of schema version 1 (storage/schema.cpp). Do not edit it when the
schema changes: add a new fixture for the new version instead.

Usage: python3 make-workspace-v1.py [output path]   (default: next to this script)
"""
import os
import sqlite3
import sys

SCHEMA_V1 = """
CREATE TABLE rule_sets (
    id INTEGER PRIMARY KEY,
    environment TEXT NOT NULL,
    netbios_domain TEXT NOT NULL DEFAULT ''
);
CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    uuid TEXT NOT NULL,
    name TEXT NOT NULL,
    action TEXT NOT NULL,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    scope TEXT NOT NULL,
    user_recipient_filter TEXT NOT NULL DEFAULT '',
    UNIQUE (rule_set_id, position),
    UNIQUE (rule_set_id, uuid)
);
CREATE TABLE rule_values (
    rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    list TEXT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 1),
    value TEXT NOT NULL,
    PRIMARY KEY (rule_id, list, position)
) WITHOUT ROWID;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    upn TEXT NOT NULL,
    upn_key TEXT NOT NULL UNIQUE,
    sam_account_name TEXT NOT NULL DEFAULT '',
    alias TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    country_or_region TEXT NOT NULL DEFAULT '',
    custom_attribute_1 TEXT NOT NULL DEFAULT '',
    custom_attribute_2 TEXT NOT NULL DEFAULT '',
    custom_attribute_3 TEXT NOT NULL DEFAULT '',
    custom_attribute_4 TEXT NOT NULL DEFAULT '',
    custom_attribute_5 TEXT NOT NULL DEFAULT '',
    custom_attribute_6 TEXT NOT NULL DEFAULT '',
    custom_attribute_7 TEXT NOT NULL DEFAULT '',
    custom_attribute_8 TEXT NOT NULL DEFAULT '',
    custom_attribute_9 TEXT NOT NULL DEFAULT '',
    custom_attribute_10 TEXT NOT NULL DEFAULT '',
    custom_attribute_11 TEXT NOT NULL DEFAULT '',
    custom_attribute_12 TEXT NOT NULL DEFAULT '',
    custom_attribute_13 TEXT NOT NULL DEFAULT '',
    custom_attribute_14 TEXT NOT NULL DEFAULT '',
    custom_attribute_15 TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    office TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    state_or_province TEXT NOT NULL DEFAULT '',
    street_address TEXT NOT NULL DEFAULT ''
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    recorded_utc TEXT NOT NULL,
    source TEXT NOT NULL,
    cmdlet TEXT NOT NULL
);
"""

# (uuid, name, action, enabled, scope, filter, {list: [values]}) in priority order.
RULES = [
    ("6f1c2b1e-0d7a-4a53-9b0e-0a1b2c3d4e5f", "Always Allow Remote PowerShell", "AllowAccess", 1,
     "All", "", {"AnyOfProtocols": ["RemotePowerShell"]}),
    ("a3e4d5c6-b7a8-4990-8a1b-2c3d4e5f6a7b", "Allow EAC access only for MGMT", "DenyAccess", 0,
     "Users", "Department -ne 'IT'",
     {"AnyOfProtocols": ["ExchangeAdminCenter", "OutlookWebApp"],
      "AnyOfAuthenticationTypes": ["BasicAuthentication", "AdfsAuthentication"],
      "ExceptAnyOfClientIPAddressesOrRanges": ["192.168.10.0/24", "2001:db8::/48",
                                               "10.0.0.1-10.0.0.20"],
      "AnyOfSourceTcpPortNumbers": ["443", "1024-65535"],
      "ExceptUsernameMatchesAnyOfPatterns": ["*\\admin*", "contoso.com\\o'brien"]}),
]

USERS = [
    # upn, sam, alias, display name, {column: value}
    ("nestor.wilke@contoso.com", "nestorw", "NestorW", "Nestor Wilke",
     {"department": "IT", "city": "Redmond", "custom_attribute_15": "last"}),
    ("megan.bowen@contoso.com", "meganb", "MeganB", "Megan Bowen",
     {"department": "Marketing", "street_address": "1 Main St.", "postal_code": "98052"}),
    ("Ünïcode.User@Contoso.com", "unicode", "Unicode", "Ünïcode O'User",
     {"department": "HR", "country_or_region": "DE", "company": "Contoso \"GmbH\""}),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "workspace-v1.carws")
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript(SCHEMA_V1)
    db.execute("INSERT INTO rule_sets (id, environment, netbios_domain) VALUES (1, ?, ?)",
               ("ExchangeOnline", "CONTOSO"))
    for position, (uuid, name, action, enabled, scope, flt, lists) in enumerate(RULES, 1):
        cur = db.execute(
            "INSERT INTO rules (rule_set_id, position, uuid, name, action, enabled, scope, "
            "user_recipient_filter) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (position, uuid, name, action, enabled, scope, flt))
        for list_name, values in lists.items():
            for index, value in enumerate(values, 1):
                db.execute("INSERT INTO rule_values (rule_id, list, position, value) "
                           "VALUES (?, ?, ?, ?)", (cur.lastrowid, list_name, index, value))
    for upn, sam, alias, display, attributes in USERS:
        columns = ["upn", "upn_key", "sam_account_name", "alias", "display_name"]
        # Python's casefold() and Qt's toCaseFolded() agree on these names.
        values = [upn, upn.casefold(), sam, alias, display]
        for column, value in attributes.items():
            columns.append(column)
            values.append(value)
        db.execute("INSERT INTO users (%s) VALUES (%s)"
                   % (", ".join(columns), ", ".join("?" * len(values))), values)
    db.executemany("INSERT INTO settings (key, value) VALUES (?, ?)",
                   [("admin_user", "nestor.wilke@contoso.com"), ("admin_address", "203.0.113.25")])
    db.executemany("INSERT INTO history (recorded_utc, source, cmdlet) VALUES (?, ?, ?)",
                   [("2024-03-01T09:15:00.000Z", "console",
                     "New-ClientAccessRule -Name 'Always Allow Remote PowerShell' "
                     "-Action AllowAccess -AnyOfProtocols RemotePowerShell"),
                    ("2024-03-01T09:16:30.250Z", "cli",
                     "Set-ClientAccessRule -Identity 'Allow EAC access only for MGMT' "
                     "-Enabled $false")])
    db.execute("PRAGMA application_id = %d" % 0x43415243)
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.execute("VACUUM")
    db.close()


if __name__ == "__main__":
    main()
