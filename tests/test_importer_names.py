"""Operation names from page titles."""

from __future__ import annotations

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
    ],
)
def test_route_names_as_the_sdks_name_operations(
    method: str, path: str, keys: list[str] | None, action: str | None, name: str
) -> None:
    assert route_name(method, path, keys, action) == name
