"""Examples for code-injection.yml (semgrep --test)."""
# ruff: noqa
import asyncio
import os
import subprocess

import yaml
from simpleeval import EvalWithCompoundTypes


def run_condition(expression: str, names: dict) -> object:
    # ruleid: eoffice-no-eval-exec
    return eval(expression, {}, names)


def run_script(script: str) -> None:
    # ruleid: eoffice-no-eval-exec
    exec(script)
    # ruleid: eoffice-no-eval-exec
    compile(script, "<bpmn>", "exec")


def run_condition_safely(expression: str, names: dict) -> object:
    # ok: eoffice-no-eval-exec
    return EvalWithCompoundTypes(names=names).eval(expression)


def dump(database_url: str, target: str) -> None:
    # ruleid: eoffice-no-shell-true
    subprocess.run(f"pg_dump {database_url} > {target}", shell=True, check=True)
    # ruleid: eoffice-no-shell-true
    os.system("pg_dump " + database_url)
    # ok: eoffice-no-shell-true
    subprocess.run(["pg_dump", "--format=custom", "--file", target, database_url], check=True)


async def dump_async(command: str) -> None:
    # ruleid: eoffice-no-shell-true
    await asyncio.create_subprocess_shell(command)


def read_config(text: str) -> object:
    # ruleid: eoffice-yaml-load-without-safe-loader
    first = yaml.load(text, Loader=yaml.Loader)
    # ruleid: eoffice-yaml-load-without-safe-loader
    second = yaml.unsafe_load(text)
    # ok: eoffice-yaml-load-without-safe-loader
    third = yaml.safe_load(text)
    # ok: eoffice-yaml-load-without-safe-loader
    fourth = yaml.load(text, Loader=yaml.SafeLoader)
    return first, second, third, fourth
