# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Compiled templates kept in memory: by a preview session between its builds, and by a build's
further passes (another language) after its first. Jinja checks each against its template's source,
so an edited template is compiled again."""

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's compiled templates, kept in this process."""

    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()
