"""nbgrader's check of each cell's nbgrader metadata, with its schema checked once, not per cell.

nbgrader's CheckCellMetadata validates a cell's metadata with `jsonschema.validate`, which
first checks the schema itself against JSON Schema's own: at every cell, twice per notebook
in generate_assignment and again in autograde. On this curriculum that was two thirds of
generate_assignment's time. `CheckCellMetadataOnce` runs nbgrader's own checks, with the
same errors, against the same schema, which is checked once per process.
"""

from __future__ import annotations

import traceback
from functools import cache

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from nbformat import NotebookNode
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import (
    BaseMetadataValidator,
    SchemaTooNewError,
    SchemaTooOldError,
)
from nbgrader.preprocessors import CheckCellMetadata


class _SchemaCheckedOnce(BaseMetadataValidator):
    """nbgrader's per-cell schema step (version, then schema), with the schema checked once."""

    def validate_cell(self, cell: NotebookNode) -> None:
        """Check one cell's nbgrader metadata against the schema of this nbgrader version."""
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version < self.schema_version:
            raise SchemaTooOldError(
                f"Outdated schema version: {version} (expected {self.schema_version})",
                version,
                self.schema_version,
            )
        if version > self.schema_version:
            raise SchemaTooNewError(
                f"Schema version is too new: {version} (expected {self.schema_version})",
                version,
                self.schema_version,
            )
        error = best_match(_checked_validator().iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class MetadataValidatorOnce(MetadataValidator, _SchemaCheckedOnce):
    """nbgrader's metadata validator; its call to the schema step lands on _SchemaCheckedOnce."""


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's CheckCellMetadata preprocessor, on MetadataValidatorOnce."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        """Raise ValidationError, as nbgrader does, if any cell's metadata is not valid."""
        try:
            MetadataValidatorOnce().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            message = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(message)
            raise ValidationError(message) from None
        return nb, resources


def with_check_once(steps: list) -> list:
    """`steps` (nbgrader preprocessors) with CheckCellMetadata replaced by CheckCellMetadataOnce."""
    return [CheckCellMetadataOnce if step is CheckCellMetadata else step for step in steps]


@cache
def _checked_validator() -> Validator:
    """A validator for nbgrader's cell schema, the schema itself checked once."""
    schema = MetadataValidator().schema
    kind = validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)
