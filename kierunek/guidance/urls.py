from django.urls import path

from .views import advisor, balance, participant, vocabulary

app_name = "guidance"

urlpatterns = [
    # participants
    path("doradztwo/", participant.participant_home, name="participant_home"),
    path("doradztwo/terminy/", participant.slots, name="slots"),
    path("doradztwo/terminy/<int:slot_id>/rezerwuj/", participant.book, name="book"),
    path("doradztwo/spotkania/<int:appointment_id>/przenies/", participant.move, name="move"),
    path("doradztwo/spotkania/<int:appointment_id>/odwolaj/", participant.cancel, name="cancel"),
    path("doradztwo/plan/", participant.my_plan, name="my_plan"),
    path("doradztwo/plan/potwierdz/", participant.plan_acknowledge, name="plan_acknowledge"),
    path("doradztwo/plan/uwagi/", participant.plan_feedback, name="plan_feedback"),
    path("doradztwo/plan/plan-rozwoju.pdf", participant.my_plan_pdf, name="my_plan_pdf"),
    path("doradztwo/rekomendacje/", participant.recommendations, name="recommendations"),
    path("doradztwo/portfolio/<int:item_id>/plik/", participant.portfolio_file, name="portfolio_file"),
    # advisors
    path("doradca/kalendarz/", advisor.calendar, name="calendar"),
    path("doradca/terminy/<int:slot_id>/wycofaj/", advisor.slot_withdraw, name="slot_withdraw"),
    path("doradca/spotkania/<int:appointment_id>/odwolaj/", advisor.advisor_cancel, name="advisor_cancel"),
    path("doradca/uczestnicy/", advisor.participants, name="participants"),
    path("doradca/uczestnicy/<int:participant_id>/", advisor.participant_file, name="participant_file"),
    path("doradca/uczestnicy/<int:participant_id>/bilans/", advisor.balance_start, name="balance_start"),
    path("doradca/bilans/<int:balance_id>/plan-rozwoju.pdf", balance.balance_pdf, name="balance_pdf"),
    path("doradca/bilans/<int:balance_id>/<slug:stage_slug>/", balance.balance_stage, name="balance_stage"),
    path("doradca/slownik/<slug:vocabulary>/", vocabulary.vocabulary_search, name="vocabulary_search"),
]
