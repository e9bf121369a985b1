"""Admin: train in the background, activate a version, metrics columns, synthetic marker, read-only log."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from salary import services
from salary.models import SalaryModel, SalaryPrediction
from salary.tests.conftest import make_prediction

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:salary_salarymodel_changelist"


def test_the_train_button_queues_a_background_training(admin_client):
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert "Train a new model (background)" in page

    response = admin_client.post(reverse("admin:salary_salarymodel_train"), {"activate": "1"})
    assert response.status_code == 302
    model = SalaryModel.objects.get()
    assert model.status == SalaryModel.Status.TRAINING
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"] == {"model_id": model.pk, "activate": True}


def test_the_train_button_is_post_only_and_staff_only(admin_client, user_client):
    assert admin_client.get(reverse("admin:salary_salarymodel_train")).status_code == 405
    user_client.post(reverse("admin:salary_salarymodel_train"))
    assert not SalaryModel.objects.exists()


def test_the_activate_action_switches_the_active_model(admin_client, trained):
    second = services.train_model(activate=False)
    response = admin_client.post(reverse(CHANGELIST), {"action": "activate", "_selected_action": [second.pk]},
                                 follow=True)
    assert f"Activated {second.version}" in response.content.decode()
    assert SalaryModel.objects.get(is_active=True) == second


def test_the_activate_action_wants_exactly_one_ready_model(admin_client, trained):
    second = services.train_model(activate=False)
    response = admin_client.post(reverse(CHANGELIST), {"action": "activate",
                                                       "_selected_action": [trained.pk, second.pk]}, follow=True)
    assert "Select exactly one model" in response.content.decode()
    failed = SalaryModel.objects.create(version="broken", status=SalaryModel.Status.FAILED)
    response = admin_client.post(reverse(CHANGELIST), {"action": "activate", "_selected_action": [failed.pk]},
                                 follow=True)
    assert "only a ready model can be activated" in response.content.decode()
    assert SalaryModel.objects.get(is_active=True) == trained


def test_train_again_requeues_only_unfinished_versions(admin_client, trained):
    failed = SalaryModel.objects.create(version="broken", status=SalaryModel.Status.FAILED, error="killed")
    admin_client.post(reverse(CHANGELIST), {"action": "train_again", "_selected_action": [trained.pk, failed.pk]})
    failed.refresh_from_db()
    assert failed.status == SalaryModel.Status.TRAINING and failed.error == ""
    assert [task.args_kwargs["kwargs"]["model_id"] for task in DBTaskResult.objects.all()] == [failed.pk]


def test_the_changelist_shows_metrics_and_the_data_mix(admin_client, trained):
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert f"{trained.metric('model', 'from', 'mape'):.1%}" in page
    assert f"{trained.metric('baseline', 'to', 'mae'):,.0f}" in page
    assert "300 postings, 300 synthetic" in page


def test_the_active_model_cannot_be_deleted(admin_client, trained):
    assert admin_client.get(reverse("admin:salary_salarymodel_delete", args=[trained.pk])).status_code == 403


def test_training_postings_are_marked_synthetic(admin_client, corpus):
    page = admin_client.get(reverse("admin:salary_trainingposting_changelist")).content.decode()
    assert "SYNTHETIC demo data" in page
    assert "?synthetic__exact=1" in page


def test_the_prediction_log_is_read_only(admin_client, user):
    prediction = make_prediction(user)
    assert admin_client.get(reverse("admin:salary_salaryprediction_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:salary_salaryprediction_change", args=[prediction.pk]))
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    admin_client.post(reverse("admin:salary_salaryprediction_change", args=[prediction.pk]), {"title": "edited"})
    assert SalaryPrediction.objects.get().title == prediction.title


def test_deleting_an_inactive_version_removes_its_artefact(admin_client, trained):
    old = services.train_model(activate=False)
    admin_client.post(reverse("admin:salary_salarymodel_delete", args=[old.pk]), {"post": "yes"})
    assert not SalaryModel.objects.filter(pk=old.pk).exists()
    assert not old.artefact_path.exists() and trained.artefact_path.exists()
