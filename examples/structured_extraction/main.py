"""An extraction assistant whose replies always match a pydantic model (structured outputs),
and a thread that runs it over one e-mail.

Run it from this folder with ``python main.py`` (or ``cdktf synth``); it writes
``cdk.tf.json`` under ``$CDKTF_OUTDIR`` or ``./cdktf.out``. The provider reads
``OPENAI_API_KEY`` from the environment when Terraform runs.
"""

from __future__ import annotations

import os
from typing import Literal

from pydantic import BaseModel, Field

from openai_constructs import Assistant, Thread
from openai_constructs.cdk import App, Construct, TerraformOutput, TerraformStack
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import JsonSchemaResponseFormat, ReasoningEffort


class LineItem(BaseModel):
    description: str
    quantity: int = Field(ge=1)
    unit_price: float


class Invoice(BaseModel):
    """An invoice found in an e-mail."""

    invoice_number: str
    currency: Literal["EUR", "USD", "GBP"]
    total: float
    items: list[LineItem]


EMAIL = """\
Hi, please find our invoice INV-2031 below.
2 x Ergonomic chair at 249.00 EUR, 1 x Desk lamp at 39.90 EUR. Total: 537.90 EUR.
"""


class ExtractionStack(TerraformStack):
    """The extractor and one extraction."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        OpenaiProvider(self, "openai")  # credentials come from the environment

        extractor = Assistant(
            self,
            "InvoiceExtractor",
            model="o3-mini",
            name="Invoice extractor",
            instructions="Extract the invoice in the user's message. Use only its figures.",
            response_format=JsonSchemaResponseFormat.from_pydantic(Invoice),
            reasoning_effort=ReasoningEffort.LOW,
            metadata={"purpose": "extraction"},
        )

        inbox = Thread(self, "Inbox", messages=[EMAIL], metadata={"source": "email"})
        run = inbox.run(extractor, max_completion_tokens=2_000)

        TerraformOutput(self, "extractor_id", value=extractor.assistant_id)
        TerraformOutput(self, "run_id", value=run.run_id)
        TerraformOutput(self, "run_status", value=run.status)


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    ExtractionStack(app, "structured-extraction")
    app.synth()


if __name__ == "__main__":
    main()
