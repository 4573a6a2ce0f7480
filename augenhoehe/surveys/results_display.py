"""What the results page and the report show per question: its figures, its chart and, when one
was asked for, its cross table; the chart's description lists the same numbers as its table."""

from dataclasses import dataclass

from .charts import BarChart, StackedBar, bar_chart, percent_text, stacked_bar
from .choices import QuestionKind
from .crossing import CrossTable
from .results import QuestionResult, SurveyResults


@dataclass(frozen=True)
class QuestionDisplay:
    result: QuestionResult
    key: str  # unique on the page, for the ids of the chart's title, description and table
    bars: BarChart | None
    stack: StackedBar | None
    described: str  # "Bildung: 63,6 %; Kultur: 45,5 %"
    cross: CrossTable | None


def question_displays(
    results: SurveyResults, tables: list[CrossTable], *, rtl: bool
) -> list[QuestionDisplay]:
    by_question = {table.result.question.pk: table for table in tables}
    return [_display(result, by_question.get(result.question.pk), rtl=rtl) for result in results.questions]


def _display(result: QuestionResult, cross: CrossTable | None, *, rtl: bool) -> QuestionDisplay:
    shares = [(str(item.option), item.share.percent) for item in result.options]
    bars = stack = None
    if shares and result.question.kind == QuestionKind.LIKERT:
        stack = stacked_bar(shares, rtl=rtl)
    elif shares:
        bars = bar_chart(shares, rtl=rtl)
    described = "; ".join(f"{label}: {percent_text(value)}" for label, value in shares)
    return QuestionDisplay(
        result=result, key=f"q{result.question.pk}", bars=bars, stack=stack, described=described, cross=cross
    )
