#!/usr/bin/env python3
"""Deterministic benchmark data for CAR Console (issue 4, "Speed and memory").

Writes into OUTDIR:
  rules.ps1        20 New-ClientAccessRule lines using every condition kind (run with
                   `carconsole-cli --db W exec rules.ps1`)
  users.csv        the directory (`carconsole-cli --db W directory import users.csv`)
  connections.csv  the replay input (`carconsole-cli --db W replay connections.csv`)

The same seed always gives byte-identical files (Python standard library only).

  generate-data.py OUTDIR [--users N] [--rows N] [--seed N] [--bad-every N]
"""

import argparse
import os
import random
import sys

RULES = r"""# Benchmark rule set: 20 rules, every condition kind, allow and deny, IPv4 and IPv6.
New-ClientAccessRule -Name "Always Allow Remote PowerShell from management" -Action AllowAccess -AnyOfProtocols RemotePowerShell -AnyOfClientIPAddressesOrRanges 192.168.10.0/24,10.10.0.1-10.10.0.254,2001:db8:10::/48
New-ClientAccessRule -Name "Allow administrators" -Action Allow -AnyOfProtocols ExchangeAdminCenter,RemotePowerShell -UsernameMatchesAnyOfPatterns "*\adm-*","contoso.com\svc-*"
New-ClientAccessRule -Name "Allow mail gateway OAuth" -Action AllowAccess -AnyOfProtocols IMAP4,POP3 -AnyOfAuthenticationTypes OAuthAuthentication -AnyOfClientIPAddressesOrRanges 10.20.0.0/16
New-ClientAccessRule -Name "Block legacy POP and IMAP" -Action DenyAccess -AnyOfProtocols POP3,IMAP4 -AnyOfAuthenticationTypes BasicAuthentication -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8
New-ClientAccessRule -Name "Block ActiveSync basic" -Action DenyAccess -AnyOfProtocols ExchangeActiveSync -AnyOfAuthenticationTypes BasicAuthentication,OAuthAuthentication -ExceptAnyOfAuthenticationTypes OAuthAuthentication -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8,2001:db8::/32
New-ClientAccessRule -Name "Restrict EAC to management" -Action DenyAccess -AnyOfProtocols ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24 -ExceptUsernameMatchesAnyOfPatterns "*\tanya*"
New-ClientAccessRule -Name "EAC only for IT" -Action DenyAccess -AnyOfProtocols ExchangeAdminCenter -UserRecipientFilter "Department -ne 'IT'"
New-ClientAccessRule -Name "No OWA for contractors" -Action DenyAccess -AnyOfProtocols OutlookWebApp -UserRecipientFilter "CustomAttribute1 -eq 'Contractor'"
New-ClientAccessRule -Name "Sales EWS only from offices" -Action DenyAccess -AnyOfProtocols ExchangeWebServices -UserRecipientFilter "Department -eq 'Sales' -and CountryOrRegion -ne 'US'" -ExceptAnyOfClientIPAddressesOrRanges 203.0.113.0/24,10.0.0.0/8
New-ClientAccessRule -Name "Block low source ports" -Action DenyAccess -AnyOfSourceTcpPortNumbers 1-1023 -ExceptAnyOfSourceTcpPortNumbers 25,80,443
New-ClientAccessRule -Name "REST for users only inside" -Action DenyAccess -Scope Users -AnyOfProtocols REST,UniversalOutlook -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8,2001:db8::/32
New-ClientAccessRule -Name "Block Outlook Anywhere (pilot)" -Action DenyAccess -AnyOfProtocols OutlookAnywhere -Enabled $false
New-ClientAccessRule -Name "Allow partner network" -Action AllowAccess -AnyOfClientIPAddressesOrRanges 198.51.100.0/24,2001:db8:beef::/48
New-ClientAccessRule -Name "Block known bad ranges" -Action DenyAccess -AnyOfClientIPAddressesOrRanges 203.0.113.128/25,192.0.2.1-192.0.2.200,2001:db8:bad::1-2001:db8:bad::ffff
New-ClientAccessRule -Name "Executives web access inside only" -Action DenyAccess -AnyOfProtocols OutlookWebApp,ExchangeWebServices -UserRecipientFilter "(Office -like 'HQ*' -or City -eq 'Seattle') -and -not (Department -eq 'IT')" -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8,172.16.0.0/12
New-ClientAccessRule -Name "Terminated users" -Action DenyAccess -UserRecipientFilter "CustomAttribute15 -eq 'Terminated'" -ExceptAnyOfProtocols RemotePowerShell
New-ClientAccessRule -Name "Guests: no address book" -Action DenyAccess -AnyOfProtocols OfflineAddressBook,PowerShellWebServices -UsernameMatchesAnyOfPatterns "*\guest*","fabrikam.com\*"
New-ClientAccessRule -Name "Web sign-in with ADFS from the internet" -Action DenyAccess -AnyOfProtocols OutlookWebApp,ExchangeAdminCenter -AnyOfAuthenticationTypes AdfsAuthentication -AnyOfClientIPAddressesOrRanges 2000::/3,100.64.0.0/10
New-ClientAccessRule -Name "Kerberos PowerShell for admins only" -Action DenyAccess -AnyOfProtocols RemotePowerShell -AnyOfAuthenticationTypes NonBasicAuthentication -ExceptUsernameMatchesAnyOfPatterns "*\adm-*","*\svc-*"
New-ClientAccessRule -Name "Block everything else outside" -Action DenyAccess -Scope Users -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,198.51.100.0/24,2001:db8::/32
"""

FIRST = ["anna", "ben", "carla", "david", "eva", "farid", "grace", "hiro", "ines", "jamal",
         "kim", "lena", "marco", "nina", "omar", "paula", "quinn", "rosa", "sam", "tanya",
         "ulla", "victor", "wei", "xenia", "yusuf", "zoe", "josé", "björn", "zoë", "łukasz"]
LAST = ["smith", "jones", "garcia", "müller", "nguyen", "kowalski", "tanaka", "okafor", "rossi",
        "larsen", "dubois", "silva", "chen", "patel", "novak", "haddad", "schmidt", "ivanova",
        "o'brien", "khan"]
DEPARTMENTS = ["Sales", "IT", "Research", "Finance", "Legal", "Support", "Marketing", "HR"]
CITIES = [("Seattle", "US"), ("Redmond", "US"), ("Berlin", "DE"), ("Singapore", "SG"),
          ("Paris", "FR"), ("São Paulo", "BR"), ("Tokyo", "JP"), ("Sydney", "AU")]
OFFICES = ["HQ-1", "HQ-2", "Branch A", "Branch B", "Remote", ""]

PROTOCOLS = [  # (name, weight, authentication types and their weights)
    ("ExchangeActiveSync", 22, [("BasicAuthentication", 3), ("OAuthAuthentication", 6),
                                ("CertificateBasedAuthentication", 1)]),
    ("OutlookWebApp", 18, [("BasicAuthentication", 5), ("AdfsAuthentication", 3)]),
    ("ExchangeWebServices", 14, [("BasicAuthentication", 1), ("OAuthAuthentication", 3)]),
    ("OutlookAnywhere", 12, [("BasicAuthentication", 1), ("NonBasicAuthentication", 3)]),
    ("REST", 10, [("OAuthAuthentication", 1)]),
    ("IMAP4", 5, [("BasicAuthentication", 2), ("OAuthAuthentication", 1)]),
    ("POP3", 3, [("BasicAuthentication", 2), ("OAuthAuthentication", 1)]),
    ("ExchangeAdminCenter", 3, [("BasicAuthentication", 1), ("AdfsAuthentication", 1)]),
    ("RemotePowerShell", 4, [("BasicAuthentication", 1), ("NonBasicAuthentication", 2)]),
    ("OfflineAddressBook", 5, [("BasicAuthentication", 1)]),
    ("PowerShellWebServices", 1, [("BasicAuthentication", 1)]),
    ("UniversalOutlook", 3, [("OAuthAuthentication", 1)]),
]
# Short forms as logs and people write them: they bind by unique prefix, ignoring case.
PROTOCOL_ALIASES = {"ExchangeActiveSync": "exchangeactivesync", "OutlookWebApp": "OutlookWeb",
                    "IMAP4": "imap4", "POP3": "Pop3"}
AUTH_ALIASES = {"BasicAuthentication": "Basic", "OAuthAuthentication": "OAuth",
                "NonBasicAuthentication": "NonBasic", "AdfsAuthentication": "Adfs"}


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def csv_field(text):
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def make_users(rng, count):
    users = []
    for i in range(count):
        first = rng.choice(FIRST)
        last = rng.choice(LAST)
        if i % 500 == 0:
            prefix = "adm-%s%d" % (first, i)
        elif i % 700 == 1:
            prefix = "svc-app%d" % i
        elif i % 50 == 2:
            prefix = "guest%d" % i
        else:
            prefix = "%s.%s%d" % (first, last.replace("'", ""), i)
        domain = "fabrikam.com" if i % 10 == 9 else "contoso.com"
        sam = ("%s%s%d" % (first[0], last.replace("'", ""), i))[:20]
        alias = prefix.replace("-", "")
        city, country = rng.choice(CITIES)
        department = "IT" if prefix.startswith(("adm-", "svc-")) else rng.choice(DEPARTMENTS)
        users.append({
            "UserPrincipalName": "%s@%s" % (prefix, domain),
            "SamAccountName": sam,
            "Alias": alias,
            "DisplayName": "%s, %s" % (last.capitalize(), first.capitalize()),
            "Department": department,
            "City": city,
            "CountryOrRegion": country,
            "Office": rng.choice(OFFICES),
            "Company": "Contoso" if domain == "contoso.com" else "Fabrikam",
            "CustomAttribute1": "Contractor" if rng.random() < 0.08 else "",
            "CustomAttribute15": "Terminated" if rng.random() < 0.01 else "",
        })
    return users


def write_users(path, users):
    columns = ["UserPrincipalName", "SamAccountName", "Alias", "DisplayName", "Department", "City",
               "CountryOrRegion", "Office", "Company", "CustomAttribute1", "CustomAttribute15"]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(columns) + "\r\n")
        for user in users:
            out.write(",".join(csv_field(user[c]) for c in columns) + "\r\n")


def random_address(rng):
    x = rng.random()
    if x < 0.35:  # corporate network
        return "10.%d.%d.%d" % (rng.choice([0, 10, 20, 30, 44]), rng.randrange(256),
                                rng.randrange(1, 255))
    if x < 0.42:
        return "192.168.%d.%d" % (rng.choice([10, 10, 20, 77]), rng.randrange(1, 255))
    if x < 0.47:
        return "172.%d.%d.%d" % (rng.randrange(16, 32), rng.randrange(256), rng.randrange(1, 255))
    if x < 0.52:  # partner
        return "198.51.100.%d" % rng.randrange(1, 255)
    if x < 0.57:
        return "203.0.113.%d" % rng.randrange(1, 255)
    if x < 0.59:
        return "192.0.2.%d" % rng.randrange(1, 255)
    if x < 0.61:
        return "100.%d.%d.%d" % (rng.randrange(64, 128), rng.randrange(256), rng.randrange(256))
    if x < 0.74:  # the internet
        return "%d.%d.%d.%d" % (rng.choice([23, 31, 45, 52, 81, 88, 104, 151, 185, 212]),
                                rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
    if x < 0.82:  # corporate IPv6
        return "2001:db8:%x:%x::%x" % (rng.choice([0x10, 0x20, 0x30]), rng.randrange(0x10000),
                                       rng.randrange(1, 0x10000))
    if x < 0.84:
        return "2001:db8:bad::%x" % rng.randrange(1, 0x10000)
    if x < 0.85:
        return "2001:db8:beef:%x::1" % rng.randrange(0x10000)
    if x < 0.97:  # public IPv6
        return "2a0%d:%x:%x::%x" % (rng.randrange(10), rng.randrange(0x10000),
                                    rng.randrange(0x10000), rng.randrange(1, 0x10000))
    return "::ffff:%d.%d.%d.%d" % (rng.randrange(1, 224), rng.randrange(256), rng.randrange(256),
                                    rng.randrange(1, 255))


def random_port(rng):
    x = rng.random()
    if x < 0.80:
        return "443"
    if x < 0.85:
        return rng.choice(["80", "993", "995", "25", "587"])
    if x < 0.87:
        return str(rng.randrange(1, 1024))
    return str(rng.randrange(1024, 65536))


def user_text(rng, users, hot):
    x = rng.random()
    if x < 0.06:  # not in the directory
        return rng.choice(["guest%d@fabrikam.com", "unknown%d@contoso.com",
                           "EXTERNAL\\visitor%d"]) % rng.randrange(20000)
    # A few users make most connections.
    user = users[rng.choice(hot)] if rng.random() < 0.5 else rng.choice(users)
    if x < 0.09:
        return user["Alias"]
    if x < 0.12:
        return "CONTOSO\\" + user["SamAccountName"]
    if x < 0.14:
        return user["UserPrincipalName"].upper()
    return user["UserPrincipalName"]


def write_connections(path, rng, users, rows, bad_every):
    hot = [rng.randrange(len(users)) for _ in range(max(1, len(users) // 100))]
    protocol_pairs = [(p, w) for p, w, _ in PROTOCOLS]
    auth_of = {p: a for p, _, a in PROTOCOLS}
    seconds = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("Timestamp,User,Protocol,AuthenticationType,RemoteAddress,RemotePort,"
                  "MiddleTier\r\n")
        for i in range(rows):
            seconds += rng.randrange(2)
            stamp = "2026-11-%02dT%02d:%02d:%02dZ" % (20 + seconds // 86400 % 7,
                                                      seconds // 3600 % 24, seconds // 60 % 60,
                                                      seconds % 60)
            protocol = weighted(rng, protocol_pairs)
            auth = weighted(rng, auth_of[protocol])
            middle = ""
            if protocol in ("REST", "ExchangeWebServices") and rng.random() < 0.3:
                middle = rng.choice(["true", "True", "1"])
            elif rng.random() < 0.2:
                middle = rng.choice(["false", "False", "0"])
            protocol_text = protocol
            if rng.random() < 0.05:
                protocol_text = PROTOCOL_ALIASES.get(protocol, protocol)
            auth_text = AUTH_ALIASES.get(auth, auth) if rng.random() < 0.3 else auth
            fields = [stamp, user_text(rng, users, hot), protocol_text, auth_text,
                      random_address(rng), random_port(rng), middle]
            if bad_every and i % bad_every == bad_every - 1:
                column = rng.randrange(2, 6)
                fields[column] = ["Telnet", "Kerberos", "10.0.0.300", "70000"][column - 2]
            out.write(",".join(csv_field(f) for f in fields) + "\r\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--users", type=int, default=100000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--bad-every", type=int, default=0,
                        help="make every Nth connection row invalid (0: none)")
    args = parser.parse_args()
    if args.users < 1 or args.rows < 0:
        parser.error("--users must be at least 1 and --rows at least 0")
    os.makedirs(args.outdir, exist_ok=True)
    rng = random.Random(args.seed)
    with open(os.path.join(args.outdir, "rules.ps1"), "w", encoding="utf-8", newline="\n") as out:
        out.write(RULES)
    users = make_users(rng, args.users)
    write_users(os.path.join(args.outdir, "users.csv"), users)
    write_connections(os.path.join(args.outdir, "connections.csv"), rng, users, args.rows,
                      args.bad_every)
    print("wrote rules.ps1, users.csv (%d users), connections.csv (%d rows) to %s"
          % (len(users), args.rows, args.outdir), file=sys.stderr)


if __name__ == "__main__":
    main()
