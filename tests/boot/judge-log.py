#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a test VM's serial log (see tests/boot/run-vm).

Prints one "PASS <what>" or "FAIL <what>: <why>" line per case, per KUnit
suite and for the kernel's health, and exits 1 if anything failed. A run
that did not reach its end marker, or a case without a verdict, fails.
"""
import os
import re
import sys

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\]\s?")
RESULT = re.compile(r"^HVG-RESULT (\S+) (PASS|FAIL|SKIP)(.*)$")
KTAP_SUITE = re.compile(r"^(not ok|ok) \d+ (\S+)(.*)$")
KTAP_CASE = re.compile(r"^    (not ok|ok) \d+ (\S+)")

# What a healthy kernel never prints. Each entry: (pattern, what it means).
KERNEL_PROBLEMS = [
    (re.compile(r"BUG: KASAN: "), "KASAN report"),
    (re.compile(r"BUG: |kernel BUG at"), "kernel BUG"),
    (re.compile(r"WARNING: .*(locking|lock held|lock order|recursive)"),
     "lockdep report"),
    (re.compile(r"WARNING: "), "kernel warning"),
    (re.compile(r"Oops|general protection fault|Kernel panic"), "oops or panic"),
    (re.compile(r"UBSAN: "), "UBSAN report"),
    (re.compile(r"unreferenced object 0x"), "kmemleak report"),
    (re.compile(r"INFO: task .* blocked for more than"), "hung task"),
    (re.compile(r"rcu: INFO: .*detected stall"), "RCU stall"),
    (re.compile(r"HVG-HARNESS timeout"), "timeout"),
]




def judge(log_path, case_files):
    with open(log_path, errors="replace") as f:
        lines = [l.rstrip("\r\n") for l in f]

    results = []  # (ok, what, why)
    expected = ["%02d-%s" % (i + 1, os.path.basename(c).removesuffix(".sh"))
                for i, c in enumerate(case_files)]
    seen = {}
    done = False
    problems = []
    suite_cases = {}
    failed_cases = []

    for raw in lines:
        line = TIMESTAMP.sub("", raw)
        m = RESULT.match(raw)
        if m:
            seen[m.group(1)] = (m.group(2), m.group(3).strip())
            continue
        if raw.startswith("HVG-DONE"):
            done = True
            continue
        m = KTAP_CASE.match(line)
        if m and m.group(1) == "not ok":
            failed_cases.append(m.group(2))
        m = KTAP_SUITE.match(line)
        if m:
            suite_cases[m.group(2)] = (m.group(1) == "ok", list(failed_cases))
            failed_cases = []
            continue
        for pattern, meaning in KERNEL_PROBLEMS:
            if pattern.search(line):
                problems.append("%s: %s" % (meaning, line.strip()))
                break

    for name in expected:
        verdict, extra = seen.get(name, ("MISSING", ""))
        if verdict == "PASS":
            results.append((True, "case " + name, ""))
        elif verdict == "SKIP":
            print("SKIP case %s" % name)
        elif verdict == "MISSING":
            results.append((False, "case " + name, "no verdict"))
        else:
            results.append((False, "case " + name, extra or "failed"))

    for suite, (ok, failed) in suite_cases.items():
        why = "failed cases: " + ", ".join(failed) if failed else "failed"
        results.append((ok, "kunit " + suite, "" if ok else why))

    if not done:
        problems.append("the run did not reach its end marker (HVG-DONE)")
    results.append((not problems, "kernel health",
                    "; ".join(problems[:5])))

    for ok, what, why in results:
        print(("PASS %s" % what) if ok else ("FAIL %s: %s" % (what, why)))
    return all(ok for ok, _, _ in results)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: judge-log.py LOG [CASE...]")
    sys.exit(0 if judge(sys.argv[1], sys.argv[2:]) else 1)
