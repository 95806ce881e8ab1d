"""Pure rules of signature circuits: their modes and states, and which steps wait."""

from __future__ import annotations

import enum


class CircuitMode(enum.StrEnum):
    SEQUENTIAL = "sequential"  # one signer after another, in the order given
    PARALLEL = "parallel"  # all signers at once; done when all have signed


class CircuitState(enum.StrEnum):
    PENDING = "pending"
    SIGNED = "signed"
    REJECTED = "rejected"


class StepState(enum.StrEnum):
    WAITING = "waiting"  # a later signer of a sequential circuit
    PENDING = "pending"  # in the signer's tray now
    SIGNED = "signed"
    REJECTED = "rejected"
    SKIPPED = "skipped"  # the circuit ended (rejected) before this signer acted


def initial_states(mode: CircuitMode, count: int) -> list[StepState]:
    """The state of each step when the circuit starts."""
    if mode is CircuitMode.PARALLEL:
        return [StepState.PENDING] * count
    return [StepState.PENDING] + [StepState.WAITING] * (count - 1)


def after_signature(states: list[StepState]) -> tuple[list[StepState], CircuitState]:
    """Step states once a signature is recorded: the next waiting step becomes pending
    (sequential); the circuit is signed when every step is."""
    if all(state is StepState.SIGNED for state in states):
        return states, CircuitState.SIGNED
    if StepState.PENDING not in states and StepState.WAITING in states:
        following = states.index(StepState.WAITING)
        states = [*states[:following], StepState.PENDING, *states[following + 1:]]
    return states, CircuitState.PENDING


def after_rejection(states: list[StepState]) -> list[StepState]:
    """Step states once a signer rejects: nobody else acts."""
    return [StepState.SKIPPED if state in (StepState.WAITING, StepState.PENDING) else state
            for state in states]
