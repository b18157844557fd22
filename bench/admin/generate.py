#!/usr/bin/env python3
"""Writes an import folder for tek-cabinet-admin: PARTNERS partners with one account each
and ROWS entries rows spread over them (monthly advance bills, invoices and payments from
2010 on), in the format of docs/import.md.

    bench/admin/generate.py DIR [ROWS] [PARTNERS]
"""
import os
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
partners = int(sys.argv[3]) if len(sys.argv) > 3 else 1000

WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn(prefix):
    return prefix + str(sum(int(c) * w for c, w in zip(prefix, WEIGHTS)) % 11 % 10)


def money(kopecks):
    roubles, kop = divmod(kopecks, 100)
    grouped = f"{roubles:,}".replace(",", "\u00a0")
    return f"{grouped},{kop:02d}"


os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "partners.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("dp_code;name;address;contacts\r\n")
    for p in range(partners):
        f.write(f'{8000000000 + p};"ООО ""Партнер {p}""";"г. Брянск, ул. Мира, {p}";\r\n')
with open(os.path.join(out, "accounts.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("account;dp_code;contract_number;contract_date;inn;kpp;opening_date;"
            "opening_balance\r\n")
    for p in range(partners):
        f.write(f"{9000000000 + p};{8000000000 + p};Д-{p};01.12.2009;{inn(f'{325700000 + p:09d}')};"
                f"325701001;01.01.2010;{money(p * 1234)}\r\n")
kinds = ("advance_bill_1", "advance_bill_2", "invoice", "payment")
days = (1, 16, 0, 25)
with open(os.path.join(out, "entries.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("account;kind;number;date;amount;volume_kwh;title\r\n")
    for i in range(rows):
        p = i % partners
        n = i // partners                  # the account's n-th entry
        month = n // 4
        k = n % 4
        year, mon = 2010 + month // 12, month % 12 + 1
        day = days[k] or (31 if mon in (1, 3, 5, 7, 8, 10, 12) else 30 if mon != 2 else
                          29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28)
        amount = 10000 + (i * 7919) % 50_000_000
        volume = str(amount // 650) if kinds[k] == "invoice" else ""
        f.write(f"{9000000000 + p};{kinds[k]};N-{n};{day:02d}.{mon:02d}.{year};{money(amount)};"
                f"{volume};\r\n")
print(f"{out}: {partners} partners, {partners} accounts, {rows} entries rows")
