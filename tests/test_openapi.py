"""openapi.py: the OpenAPI 3.1 document is valid and covers every operation."""

from __future__ import annotations

import json
from pathlib import Path

from openapi_spec_validator import validate

from generator.cli import main
from generator.incremental import pipeline

ROOT = Path(__file__).resolve().parent.parent


def test_document_is_valid_openapi_3_1() -> None:
    document = pipeline.openapi(ROOT / "specs")
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_operation_is_there_with_a_default_error_response() -> None:
    document = pipeline.openapi(ROOT / "specs")
    ids = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "servers":
                continue
            ids[operation["operationId"]] = (method.upper(), path)
            assert operation["responses"]["default"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/HuaweiError"
            }
    assert ids == {
        "dns.list_public_zones": ("GET", "/v2/zones"),
        "dns.restore_ptr_record": ("PATCH", "/v2/reverse/floatingips/{region}:{floatingip_id}"),
        "dns.delete_record_set": ("DELETE", "/v2/zones/{zone_id}/recordsets/{recordset_id}"),
        "nat.delete_nat_gateway_snat_rule": (
            "DELETE",
            "/v2/{project_id}/nat_gateways/{nat_gateway_id}/snat_rules/{snat_rule_id}",
        ),
        "smn.delete_resource_tag": ("DELETE", "/v2/{project_id}/{resource_type}/{resource_id}/tags/{key}"),
        "elb.list_flavors": ("GET", "/v3/{project_id}/elb/flavors"),
        "elb.list_ip_groups": ("GET", "/v3/{project_id}/elb/ipgroups"),
        "nat.list_nat_gateways": ("GET", "/v2/{project_id}/nat_gateways"),
        "nat.create_nat_gateway_snat_rule": ("POST", "/v2/{project_id}/snat_rules"),
        "drs.export_creation_template": ("POST", "/v5/{project_id}/jobs/export/template"),
        "drs.show_export_progress": ("GET", "/v5/{project_id}/jobs/{async_job_id}/export/progress"),
        "iam.keystone_create_user_token_by_password": ("POST", "/v3/auth/tokens"),
        "iam.associate_role_to_user_on_enterprise_project": (
            "PUT",
            "/v3.0/OS-PERMISSION/enterprise-projects/{enterprise_project_id}/users/{user_id}/roles/{role_id}",
        ),
        "iam.create_unscope_token_by_idp_initiated": ("POST", "/v3.0/OS-FEDERATION/tokens"),
        "ims.glance_update_image": ("PATCH", "/v2/images/{image_id}"),
        "ims.list_os_versions": ("GET", "/v1/cloudimages/os_version"),
        "ims.upload_image_file": ("PUT", "/v2/images/{image_id}/file"),
        "iotda.upload_batch_task_file": ("POST", "/v5/iot/{project_id}/batchtask-files"),
        "hss.export_task_info": ("POST", "/v5/{project_id}/export-task"),
        "hss.list_download_exported_file": ("GET", "/v5/{project_id}/download/{file_id}"),
        "roma.check_asset_job_status": ("GET", "/v2/{project_id}/instances/{instance_id}/assets/jobs/{job_id}"),
        "roma.download_asset_archive": ("GET", "/v2/{project_id}/instances/{instance_id}/assets/archives/{archive_id}"),
        "workspace.download_export_file": ("GET", "/v2/{project_id}/export-tasks/{task_id}/download"),
        "hss.list_query_export_task": ("GET", "/v5/{project_id}/export-task/{task_id}"),
        "roma.export_asset": ("POST", "/v2/{project_id}/instances/{instance_id}/assets/export"),
        "secmaster.export_aopworkflow": ("POST", "/v1/{project_id}/workspaces/{workspace_id}/soc/workflows/export"),
        "workspace.list_export_tasks": ("GET", "/v2/{project_id}/export-tasks"),
    }


def test_every_status_is_there_with_its_schema() -> None:
    """Several 2xx (one shared class for one table, no content for a 204) and typed error bodies."""
    document = pipeline.openapi(ROOT / "specs")
    dns = document["paths"]["/v2/zones/{zone_id}/recordsets/{recordset_id}"]["delete"]["responses"]
    ref = {"$ref": "#/components/schemas/dns.DeleteRecordSetResponse"}
    assert dns["200"]["content"]["application/json"]["schema"] == ref
    assert dns["202"]["content"]["application/json"]["schema"] == ref
    assert dns["202"]["content"]["application/json"]["example"]["status"] == "PENDING_DELETE"
    assert "content" not in dns["204"] and "content" not in dns["404"]
    smn = document["paths"]["/v2/{project_id}/{resource_type}/{resource_id}/tags/{key}"]["delete"]["responses"]
    error = {"$ref": "#/components/schemas/smn.DeleteResourceTagError"}
    assert all(smn[s]["content"]["application/json"]["schema"] == error for s in ("400", "403", "404", "500"))
    assert set(document["components"]["schemas"]["smn.DeleteResourceTagError"]["properties"]) == {
        "request_id",
        "code",
        "message",
    }


def test_limits_and_file_responses_are_carried_over() -> None:
    document = pipeline.openapi(ROOT / "specs")
    workspace = document["paths"]["/v2/{project_id}/export-tasks"]["get"]
    limit = next(p for p in workspace["parameters"] if p["name"] == "limit")
    assert limit["schema"]["minimum"] == 1 and limit["schema"]["maximum"] == 100
    export = document["paths"]["/v1/{project_id}/workspaces/{workspace_id}/soc/workflows/export"]["post"]
    assert "application/octet-stream" in export["responses"]["200"]["content"]


def test_the_committed_document_matches_the_command(tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    assert main(["openapi", "--specs", str(ROOT / "specs"), "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == json.loads((ROOT / "generated/openapi.json").read_text())


def test_pagination_is_carried_over_as_an_extension() -> None:
    paths = pipeline.openapi(ROOT / "specs")["paths"]
    assert paths["/v3/{project_id}/elb/flavors"]["get"]["x-hwgen-pagination"] == {
        "style": "marker",
        "marker": "marker",
        "limit": "limit",
        "items": "flavors",
        "next_marker": "page_info.next_marker",
    }
    assert paths["/v2/zones"]["get"]["x-hwgen-pagination"]["next_link"] == "links"
    assert paths["/v2/{project_id}/export-tasks"]["get"]["x-hwgen-pagination"] == {
        "style": "offset",
        "offset": "offset",
        "limit": "limit",
        "items": "export_tasks",
        "count": "count",
    }


def test_array_parameters_state_their_collection_format() -> None:
    paths = pipeline.openapi(ROOT / "specs")["paths"]
    query = {p["name"]: p for p in paths["/v3/{project_id}/elb/ipgroups"]["get"]["parameters"]}
    assert (query["ip_list"]["style"], query["ip_list"]["explode"]) == ("form", False)
    assert (query["id"]["style"], query["id"]["explode"]) == ("form", True)
    assert "style" not in query["limit"]


def test_response_headers_are_documented() -> None:
    operation = pipeline.openapi(ROOT / "specs")["paths"]["/v3/auth/tokens"]["post"]
    assert operation["responses"]["201"]["headers"] == {
        "X-Subject-Token": {
            "description": "The signed token.",
            "schema": {"type": "string", "description": "The signed token."},
        }
    }


def test_a_nullable_field_admits_null() -> None:
    operation = pipeline.openapi(ROOT / "specs")["paths"]["/v2/reverse/floatingips/{region}:{floatingip_id}"]["patch"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["ptrdname"]["type"] == ["string", "null"]
    assert schema["required"] == ["ptrdname"]


def test_bodies_that_are_json_arrays_are_array_schemas() -> None:
    """IMS: a JSON patch array in, a list of objects out (issue 18, feature 6)."""
    document = pipeline.openapi(ROOT / "specs")
    patch = document["paths"]["/v2/images/{image_id}"]["patch"]["requestBody"]["content"]
    schema = patch["application/openstack-images-v2.1-json-patch"]["schema"]
    assert (schema["type"], schema["items"]) == ("array", {"$ref": "#/components/schemas/ims.ImagePatchOperation"})
    listed = document["paths"]["/v1/cloudimages/os_version"]["get"]["responses"]["200"]["content"]["application/json"]
    assert listed["schema"] == {"type": "array", "items": {"$ref": "#/components/schemas/ims.OsVersionList"}}
    assert listed["example"][0]["platform"] == "SUSE"
    assert "ims.OsVersionInfo" in document["components"]["schemas"]


def test_uploads_are_binary_strings() -> None:
    """A body that is a file, and a form's File part (issue 18, features 2 and 3)."""
    paths = pipeline.openapi(ROOT / "specs")["paths"]
    binary = paths["/v2/images/{image_id}/file"]["put"]["requestBody"]
    schema = binary["content"]["application/octet-stream"]["schema"]
    assert (schema["type"], schema["format"], binary["required"]) == ("string", "binary", True)
    form = paths["/v5/iot/{project_id}/batchtask-files"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert form["schema"]["properties"]["file"]["format"] == "binary"
    assert form["schema"]["required"] == ["file"]
    urlencoded = paths["/v3.0/OS-FEDERATION/tokens"]["post"]["requestBody"]["content"]
    assert urlencoded["application/x-www-form-urlencoded"]["schema"]["properties"]["SAMLResponse"]["type"] == "string"
