#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""clang-tidy or clazy over our sources in batches (tests/static-analysis.sh).

Most of what clang-tidy and clazy spend on one of our files goes into the Qt and standard headers it
includes: every check's matchers walk the whole translation unit, headers included (≈ 10 s of
clang-tidy for a file of ours against ≈ 2 s to parse it). A batch is one translation unit that
#includes up to BATCH_SIZE of our .cpp files compiled with the same flags, so those headers are
parsed and walked once per batch: the whole tree took 2 min of clang-tidy instead of 12, and 41 s
of clazy instead of 4 min (two cores). Diagnostics keep the real file and line (the included files
match HeaderFilterRegex), and NOLINT comments stay where they are. clang-tidy is given the
project's .clang-tidy explicitly (the batch file lies outside the source tree).

The GCC build's precompiled header (CMake's `-include …/cmake_pch.hxx` and `-Winvalid-pch`, see
ui/CMakeLists.txt) is left out of the commands given to the clang tools: they would load GCC's
.gch beside it and fail. Every source includes what it uses, so it compiles without it.

Two files that define the same name at file scope (in an anonymous namespace) cannot share a
translation unit: such a batch fails to compile, and its files are then analysed one by one, as
before, so no file goes unanalysed and a real compile error is still reported.

  analysis_batches.py clang-tidy|clazy BUILD_DIR JOBS FILE...

Prints every finding; exits 1 when there is one, 0 when there is none.
"""
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

BATCH_SIZE = 8
EXTRA = "--extra-arg=-Wno-ambiguous-reversed-operator"  # rapidjson 1.1.0 under C++20, not our code
FINDING = re.compile(r"(warning|error):")


def batch_command(tool: str, batch_dir: str, source_dir: str, batch: str) -> list[str]:
    if tool == "clang-tidy":
        return ["clang-tidy", "-p", batch_dir, f"--config-file={source_dir}/.clang-tidy", "--quiet", EXTRA, batch]
    return ["clazy-standalone", "-p", os.path.join(batch_dir, "compile_commands.json"), EXTRA, batch]


def file_command(tool: str, files_dir: str, path: str) -> list[str]:
    if tool == "clang-tidy":
        return ["clang-tidy", "-p", files_dir, "--quiet", EXTRA, path]
    return ["clazy-standalone", "-p", os.path.join(files_dir, "compile_commands.json"), EXTRA, path]


def findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if FINDING.search(line)]


def failed_to_compile(tool: str, lines: list[str]) -> bool:
    if tool == "clang-tidy":
        return any("[clang-diagnostic-error]" in line for line in lines)
    # clazy: a compiler error has no warning flag ("error: redefinition of 'x'"); a finding under
    # -Werror has its own ("[-Wclazy-qstring-arg]").
    return any(" error:" in line and "[-W" not in line for line in lines)


def run(command: list[str]) -> str:
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    return done.stdout


def flags_of(entry: dict, path: str) -> tuple:
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    flags, skip = [], False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT"):
            skip = True
            continue
        if a == "-Winvalid-pch":
            continue
        if a == "-include" and i + 1 < len(args) and args[i + 1].endswith("cmake_pch.hxx"):
            skip = True
            continue
        if a == "-c" or os.path.abspath(os.path.join(entry["directory"], a)) == path:
            continue
        flags.append(a)
    return tuple(flags)


def main() -> int:
    tool, build, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    source_dir = os.getcwd()
    wanted = [os.path.abspath(f) for f in sys.argv[4:]]
    with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as f:
        entries = {os.path.abspath(os.path.join(e["directory"], e["file"])): e for e in json.load(f)}
    missing = [f for f in wanted if f not in entries]
    if missing:
        print("analysis_batches.py: not in the compile commands: " + " ".join(missing), file=sys.stderr)
        return 1

    # Files compiled with the same flags go into the same batches, in the order given.
    groups: dict[tuple, list[str]] = {}
    for path in wanted:
        e = entries[path]
        groups.setdefault((e["directory"], flags_of(e, path)), []).append(path)

    # Outside the build directory: clazy ignores what lies under CLAZY_IGNORE_DIRS (".*/build.*").
    batch_dir = tempfile.mkdtemp(prefix=f"consilium-{tool}-batches-")
    commands, batches = [], []
    for (directory, flags), paths in groups.items():
        for start in range(0, len(paths), BATCH_SIZE):
            chunk = paths[start:start + BATCH_SIZE]
            batch = os.path.join(batch_dir, f"batch-{len(batches) + 1}.cpp")
            with open(batch, "w", encoding="utf-8") as f:
                f.write("// Generated by tests/tools/analysis_batches.py: one translation unit for static analysis.\n")
                for p in chunk:
                    f.write(f'#include "{p}" // NOLINT(bugprone-suspicious-include)\n')
            commands.append({"directory": directory, "file": batch, "arguments": list(flags) + ["-c", batch]})
            batches.append((batch, chunk))
    with open(os.path.join(batch_dir, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(commands, f, indent=1)
    # The files one by one (a batch that did not compile together), with the same flags.
    files_dir = os.path.join(batch_dir, "files")
    os.mkdir(files_dir)
    with open(os.path.join(files_dir, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump([{"directory": entries[p]["directory"], "file": p,
                    "arguments": list(flags_of(entries[p], p)) + ["-c", p]} for p in wanted], f, indent=1)

    def analyse(item: tuple) -> tuple[list[str], list[str]]:
        batch, chunk = item
        lines = findings(run(batch_command(tool, batch_dir, source_dir, batch)))
        if not failed_to_compile(tool, lines):
            return lines, []
        alone = []
        for path in chunk:
            alone += findings(run(file_command(tool, files_dir, path)))
        return alone, [os.path.relpath(p) for p in chunk]

    all_findings, one_by_one = [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for lines, alone in pool.map(analyse, batches):
            all_findings += lines
            one_by_one += alone
    shutil.rmtree(batch_dir, ignore_errors=True)
    print(f"{tool}: {len(wanted)} files in {len(batches)} batches"
          + (f"; analysed one by one (their batch did not compile together): {' '.join(one_by_one)}"
             if one_by_one else ""), file=sys.stderr)
    for line in all_findings:
        print(line)
    return 1 if all_findings else 0


if __name__ == "__main__":
    sys.exit(main())
