"""The questionnaires as data (JSON), loaded by ``services.questionnaire_load``: the Alliance
8.7 annual progress form and a donor programme's quarterly report."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
QUESTIONNAIRE_FILE = HERE / "alliance87-annual.json"
PROGRAMME_FILE = HERE / "programme-quarterly.json"
