#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a test VM's serial log (see tests/boot/run-vm).

Prints one "PASS <what>" or "FAIL <what>: <why>" line per case, per KUnit
suite and for the kernel's health, and exits 1 if anything failed. A run
that did not reach its end marker, or a case without a verdict, fails.

The last case of a run may instead declare, with a kernel-timestamped
"HVG-EXPECT-POWEROFF|REBOOT|KEXEC <seconds> <case>" line
(tests/boot/cases/lib.sh, expect_down), that the VM goes down: it passes,
without a verdict and without the end marker, if the kernel then reports
that very power-down, restart or kexec within that many seconds, and if
every "HVG-EXPECT-LINE <text>" it logged after the marker is matched by a
later kernel line before that. After a kexec the new kernel must also log
"HVG-KEXEC-BOOTED" (tests/boot/cases/vmbus-kexec.sh).
"""
import os
import re
import sys

TIMESTAMP = re.compile(r"^\[\s*(\d+\.\d+)\]\s?")
RESULT = re.compile(r"^HVG-RESULT (\S+) (PASS|FAIL|SKIP)(.*)$")
KTAP_SUITE = re.compile(r"^(not ok|ok) \d+ (\S+)(.*)$")
KTAP_CASE = re.compile(r"^    (not ok|ok) \d+ (\S+)")
EXPECT_DOWN = re.compile(r"^HVG-EXPECT-(POWEROFF|REBOOT|KEXEC) (\d+) (\S+)$")
EXPECT_LINE = re.compile(r"^HVG-EXPECT-LINE (.+)$")
# kernel_power_off() and kernel_restart() (kernel/reboot.c), kernel_kexec()
# (kernel/kexec_core.c).
WENT_DOWN = re.compile(
    r"^(?:reboot: (Power down|Restarting system)|kexec_core: (Starting new kernel))")
DOWN_KIND = {"Power down": "POWEROFF", "Restarting system": "REBOOT",
             "Starting new kernel": "KEXEC"}
KEXEC_BOOTED = "HVG-KEXEC-BOOTED"

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




def judge_down(expect, went, verdict, extra, last, missing, booted):
    """(ok, why) of a case that announced the VM goes down."""
    kind, seconds, name, t0 = expect
    if not last:
        return False, "expects %s but is not the last case" % kind.lower()
    if verdict != "MISSING":
        return False, "expected %s, but the case ended: %s %s" % (
            kind.lower(), verdict, extra)
    if went is None:
        return False, "expected %s within %d s, the kernel reported none" % (
            kind.lower(), seconds)
    if went[0] != kind:
        return False, "expected %s, the kernel did %s" % (
            kind.lower(), went[0].lower())
    if went[1] - t0 > seconds:
        return False, "%s %.1f s after the marker, allowed %d s" % (
            kind.lower(), went[1] - t0, seconds)
    if missing:
        return False, "before the %s the kernel never said: %s" % (
            kind.lower(), "; ".join(missing))
    if kind == "KEXEC" and not booted:
        return False, "the kexec'd kernel never said %s" % KEXEC_BOOTED
    return True, ""


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
    expect_down = None  # (kind, seconds, case, timestamp)
    went_down = None  # (kind, timestamp), the first after expect_down
    want_lines = []  # texts that must come after expect_down, before going down
    kexec_booted = False

    for raw in lines:
        line = TIMESTAMP.sub("", raw)
        m = TIMESTAMP.match(raw)
        stamp = float(m.group(1)) if m else None
        m = EXPECT_DOWN.match(line)
        if m and expect_down is None and stamp is not None:
            expect_down = (m.group(1), int(m.group(2)), m.group(3), stamp)
            continue
        m = EXPECT_LINE.match(line)
        if m and expect_down and went_down is None:
            want_lines.append(m.group(1))
            continue
        if expect_down and went_down is None:
            want_lines = [w for w in want_lines if w not in line]
        if went_down and line.strip() == KEXEC_BOOTED:
            kexec_booted = True
        m = WENT_DOWN.match(line)
        if m and expect_down and went_down is None and stamp is not None:
            went_down = (DOWN_KIND[m.group(1) or m.group(2)], stamp)
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
        if expect_down and expect_down[2] == name:
            ok, why = judge_down(expect_down, went_down, verdict, extra,
                                 name == expected[-1], want_lines,
                                 kexec_booted)
            results.append((ok, "case " + name, why))
            done = done or ok
        elif verdict == "PASS":
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
