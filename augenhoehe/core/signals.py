"""Signals core sends, so that apps above it can act without core importing them."""

from django.dispatch import Signal

# Sent by ``augenhoehe serve`` before it starts the task worker. django-tasks has no scheduler,
# so apps queue their recurring tasks here (each task queues its next run itself).
tasks_starting = Signal()
