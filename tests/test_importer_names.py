"""Operation names from page titles."""

from __future__ import annotations

from typing import Any

import pytest

from generator.importer.names import operation_name, route_name


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Exporting a Workflow", "export_workflow"),
        ("Listing Export Tasks", "list_export_tasks"),
        ("Querying Export Tasks", "query_export_tasks"),
        ("Creating a Key", "create_key"),
        ("Deleting a VPC", "delete_vpc"),
        ("Updating the Topic", "update_topic"),
        ("Obtaining Job Progress", "obtain_job_progress"),
        ("Getting an Upload URL", "get_upload_url"),
        ("Stopping an Instance", "stop_instance"),
        ("Changing the Specifications of a DB Instance", "change_specifications_of_db_instance"),
        ("Installing a Plug-in", "install_plug_in"),
        ("Adding the Metadata of an EVS Snapshot", "add_metadata_of_evs_snapshot"),
        ("Resizing a Disk", "resize_disk"),
        ("Binding an EIP", "bind_eip"),
    ],
)
def test_gerund_becomes_verb_and_articles_go(title: str, name: str) -> None:
    assert operation_name(title) == name


def test_title_without_latin_words_has_no_name() -> None:
    assert operation_name("创建主题") is None


@pytest.mark.parametrize(
    ("method", "path", "keys", "action", "name"),
    [
        ("GET", "/v2/images", None, None, "list_images"),
        ("GET", "/v2/images/{image_id}", None, None, "show_image"),
        ("POST", "/v1/{project_id}/cloudimages/{image_id}/copy", None, None, "copy_cloudimage"),
        ("POST", "/v1/{project_id}/baremetalservers/{server_id}/action", ["os-stop"], None, "stop_baremetalserver"),
        ("POST", "/v1/{project_id}/baremetalservers/{id}/tags/action", [], "delete", "delete_baremetalserver_tags"),
        ("POST", "/v2.0/{project_id}/loadbalancers/{id}/tags/action", [], "create", "create_loadbalancer_tags"),
        # a body key that names its target already is the whole name
        ("POST", "/v1/{project_id}/server-groups/{id}/action", ["reverse-server-group"], None, "reverse_server_group"),
        # a GET of a singular word reads one object; "detail" still lists
        ("GET", "/v1.0/{project_id}/metric-data", None, None, "show_metric_data"),
        ("GET", "/v3/{project_id}/instances/{instance_id}/backups/policy", None, None, "show_backup_policy"),
        ("PUT", "/v3/{project_id}/instances/{instance_id}/backups/policy", None, None, "update_backup_policy"),
        ("GET", "/v1/{project_id}/baremetalservers/detail", None, None, "list_detail"),
        ("GET", "/v1/{project_id}/baremetalservers/limits", None, None, "list_limits"),
    ],
)
def test_route_names_as_the_sdks_name_operations(
    method: str, path: str, keys: list[str] | None, action: str | None, name: str
) -> None:
    assert route_name(method, path, keys, action) == name


def test_an_action_field_of_several_values_names_no_operation_after_one_of_them() -> None:
    # AS pauses or resumes a group through one operation: its example's "resume" is not its name
    from generator.importer.target import new_name

    data: dict[str, Any] = {
        "title": "启用或停止伸缩组",
        "method": "POST",
        "path": "/autoscaling-api/v1/{project_id}/scaling_group/{scaling_group_id}/action",
        "request_body": {"fields": [{"name": "action", "type": "String", "enum": ["resume", "pause"]}]},
        "request_examples": [{"url": "/x", "body": {"action": "resume"}}],
    }
    assert new_name(data, None, None)[0] == "action_scaling_group"
    data["request_body"]["fields"][0]["enum"] = ["create"]  # one value: the tag pages' create and delete
    data["request_examples"][0]["body"]["action"] = "create"
    assert new_name(data, None, None)[0] == "create_scaling_group"


def test_a_singular_route_word_that_pages_its_answer_lists() -> None:
    path = "/v2/{project_id}/notifications/message_template"
    assert route_name("GET", path, lists=True) == "list_message_template"
    assert route_name("GET", path) == "show_notification_message_template"  # one object, of the notifications
