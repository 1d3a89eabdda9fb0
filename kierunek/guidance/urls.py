from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    # participants
    path("doradztwo/", views.participant_home, name="participant_home"),
    path("doradztwo/terminy/", views.slots, name="slots"),
    path("doradztwo/terminy/<int:slot_id>/rezerwuj/", views.book, name="book"),
    path("doradztwo/spotkania/<int:appointment_id>/przenies/", views.move, name="move"),
    path("doradztwo/spotkania/<int:appointment_id>/odwolaj/", views.cancel, name="cancel"),
    path("doradztwo/plan/", views.my_plan, name="my_plan"),
    path("doradztwo/plan/potwierdz/", views.plan_acknowledge, name="plan_acknowledge"),
    path("doradztwo/plan/uwagi/", views.plan_feedback, name="plan_feedback"),
    path("doradztwo/plan/plan-rozwoju.pdf", views.my_plan_pdf, name="my_plan_pdf"),
    path("doradztwo/rekomendacje/", views.recommendations, name="recommendations"),
    path("doradztwo/portfolio/<int:item_id>/plik/", views.portfolio_file, name="portfolio_file"),
    # advisors
    path("doradca/kalendarz/", views.calendar, name="calendar"),
    path("doradca/terminy/<int:slot_id>/wycofaj/", views.slot_withdraw, name="slot_withdraw"),
    path("doradca/spotkania/<int:appointment_id>/odwolaj/", views.advisor_cancel, name="advisor_cancel"),
    path("doradca/uczestnicy/", views.participants, name="participants"),
    path("doradca/uczestnicy/<int:participant_id>/", views.participant_file, name="participant_file"),
    path("doradca/uczestnicy/<int:participant_id>/bilans/", views.balance_start, name="balance_start"),
    path("doradca/bilans/<int:balance_id>/plan-rozwoju.pdf", views.balance_pdf, name="balance_pdf"),
    path("doradca/bilans/<int:balance_id>/<slug:stage_slug>/", views.balance_stage, name="balance_stage"),
    path("doradca/slownik/<slug:vocabulary>/", views.vocabulary_search, name="vocabulary_search"),
]
