"""The surveys' pages: building a questionnaire (staff), answering it by personal link (no
account), and its results (staff). Each part keeps its own patterns."""

from . import urls_answer, urls_builder, urls_results

app_name = "surveys"

urlpatterns = [*urls_builder.urlpatterns, *urls_answer.urlpatterns, *urls_results.urlpatterns]
