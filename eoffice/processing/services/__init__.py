"""Use cases of the processing context: the model repository, instances, tasks, timers."""
