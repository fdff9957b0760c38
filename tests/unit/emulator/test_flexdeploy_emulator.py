# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The FlexDeploy emulator reproduces the examples of the FlexDeploy documents exactly."""

from __future__ import absolute_import, division, print_function

import base64

import pytest

from emulator import create_app
from emulator.credentials import CREDENTIALS

BASE = "/flexdeploy/rest/v1"
TARGET = BASE + "/topology/environmentinstance/12347/12342"


def basic(user, password):
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}


ADMIN = basic(CREDENTIALS["flexdeploy_username"], CREDENTIALS["flexdeploy_password"])
READER = basic(CREDENTIALS["flexdeploy_reader"], CREDENTIALS["flexdeploy_reader_password"])


@pytest.fixture
def client():
    return create_app().test_client()


def prop(name, value, credential_id=None):
    return {"propertyName": name, "propertyValue": value, "credentialId": credential_id, "isExpression": False}


# The target page's example records, as the page gives them.
SEED_PROPERTIES = [
    prop("FDSOA_EXT_CLASSPATH", None), prop("FDSOA_REVISIONS_TO_KEEP", 15),
    prop("FDSOA_SERVER_HOST", "dev-soa.company.local"), prop("FDSOA_SERVER_PORT", 8001),
    prop("FD_ORACLE_SOA_HOME", "/u01/oracle/products/fmw/soa"), prop("MDS_PASS", "*****", 74952),
]


def test_get_target_is_the_documented_example(client):
    response = client.get(TARGET, headers=ADMIN)
    assert response.status_code == 200
    assert response.json == {
        "instanceId": 12342,
        "endPoints": [{"endPointId": 10101, "resourceIds": [11223, 11224]},
                      {"endPointId": 10111, "resourceIds": [11223]}],
        "environmentId": 12347,
        "isActive": True,
        "properties": SEED_PROPERTIES,
    }


def test_put_target_gives_the_documented_result(client):
    body = {"instanceId": 12342, "environmentId": 12347, "isActive": True,
            "endPoints": [{"endPointId": 10101, "resourceIds": [11223]}, {"endPointId": 10111, "resourceIds": []}],
            "properties": [prop("FDSOA_EXT_CLASSPATH", "classpath"), prop("FDSOA_REVISIONS_TO_KEEP", 15),
                           prop("FDSOA_SERVER_HOST", "dev-soa.newcompany.local"), prop("FDSOA_SERVER_PORT", 8001),
                           prop("FD_ORACLE_SOA_HOME", "/u01/oracle/products/fmw/soa"), prop("MDS_PASS", "newPass")]}
    response = client.put(TARGET, headers=ADMIN, json=body)
    assert response.status_code == 200
    expected = dict(body)
    expected["properties"] = body["properties"][:5] + [prop("MDS_PASS", "*****", 74952)]
    assert response.json == expected


def test_put_target_clears_unlisted_properties_and_requires_properties(client):
    response = client.put(TARGET, headers=ADMIN, json={"properties": [prop("FDSOA_SERVER_PORT", 9001)]})
    values = dict((p["propertyName"], (p["propertyValue"], p["credentialId"])) for p in response.json["properties"])
    assert values["FDSOA_SERVER_PORT"] == (9001, None)
    assert values["FDSOA_SERVER_HOST"] == (None, None) and values["MDS_PASS"] == (None, None)
    assert response.json["endPoints"] == [] and response.json["isActive"] is True
    missing = client.put(TARGET, headers=ADMIN, json={"isActive": True})
    assert missing.status_code == 500 and "properties" in missing.json["message"]


def test_patch_target_gives_the_documented_result(client):
    body = {"endPoints": [{"endPointId": 10101, "resourceIds": [12123]}, {"endPointId": 12241, "resourceIds": [18612]}],
            "properties": [prop("FDSOA_EXT_CLASSPATH", "new value"), prop("MDS_PASS", "", 52268)]}
    response = client.patch(TARGET, headers=ADMIN, json=body)
    assert response.status_code == 200
    properties = list(SEED_PROPERTIES)
    properties[0] = prop("FDSOA_EXT_CLASSPATH", "new value")
    properties[5] = prop("MDS_PASS", "*****", 52268)
    assert response.json == {
        "instanceId": 12342,
        "endPoints": [{"endPointId": 10101, "resourceIds": [11223, 11224, 12123]},
                      {"endPointId": 10111, "resourceIds": [11223]},
                      {"endPointId": 12241, "resourceIds": [18612]}],
        "environmentId": 12347,
        "isActive": True,
        "properties": properties,
    }


def test_target_of_an_instance_outside_the_environment_is_404(client):
    response = client.get(BASE + "/topology/environmentinstance/12347/15103", headers=ADMIN)
    assert response.status_code == 404 and "not found" in response.json["message"]


def test_environment_patch_ignores_nulls_as_documented(client):
    body = {"description": "This is Patch with some null attributes", "instances": [15102, 15103],
            "isActive": None, "environmentCode": None, "sortNumber": 7, "environmentId": None,
            "isBuildEnvironment": False, "environmentName": "Patch with some null"}
    response = client.patch(BASE + "/topology/environment/11101", headers=ADMIN, json=body)
    assert response.json == {"environmentId": 11101, "environmentCode": "ENV1",
                             "environmentName": "Patch with some null",
                             "description": "This is Patch with some null attributes", "isActive": True,
                             "sortNumber": 7, "isBuildEnvironment": False, "instances": [15102, 15103]}


def test_environment_filters_and_instance_environments(client):
    by_code = client.get(BASE + "/topology/environment?environmentCode=dev", headers=ADMIN).json
    assert [e["environmentId"] for e in by_code] == [12347]
    by_name = client.get(BASE + "/topology/environment?environmentName=sandbox", headers=ADMIN).json
    assert [e["environmentCode"] for e in by_name] == ["SBX1", "SBX2"]
    soa = client.get(BASE + "/topology/instance/12342", headers=ADMIN).json
    assert soa["environments"] == [12347, 12348]


def test_group_filter_is_a_case_insensitive_contains(client):
    found = client.get(BASE + "/administration/security/group?groupName=READ", headers=ADMIN).json
    assert [g["groupName"] for g in found] == ["Readers"]


def test_group_create_defaults_and_permission_table(client):
    created = client.post(BASE + "/administration/security/group", headers=ADMIN,
                          json={"groupName": "Auditors", "isActive": None,
                                "globalPermissions": [{"objectType": "PROJECTPAGE", "actionType": "VIEW"}]})
    assert created.status_code == 200
    assert created.json["isActive"] is True and created.json["isFlexDeployAdministrator"] is False
    assert created.json["deploymentPermissions"] == {"environments": [], "allEnvironments": False}
    invalid = client.post(BASE + "/administration/security/group", headers=ADMIN,
                          json={"groupName": "X", "globalPermissions": [{"objectType": "PROJECTPAGE",
                                                                         "actionType": "READ"}]})
    assert invalid.status_code == 400 and "PROJECTPAGE" in invalid.json["message"]
    unknown_env = client.patch(BASE + "/administration/security/group/10000", headers=ADMIN,
                               json={"deploymentPermissions": {"environments": [424242]}})
    assert unknown_env.status_code == 400 and "424242" in unknown_env.json["message"]


def test_group_patch_ignores_nulls(client):
    response = client.patch(BASE + "/administration/security/group/10000", headers=ADMIN,
                            json={"description": None, "isActive": False,
                                  "deploymentPermissions": {"environments": None, "allEnvironments": True}})
    assert response.json["description"] == "This is an updated group."
    assert response.json["isActive"] is False
    assert response.json["deploymentPermissions"] == {"environments": [11001], "allEnvironments": True}


def test_authentication_and_authorization(client):
    assert client.get(TARGET).status_code == 401
    assert client.get(TARGET, headers=basic("fdadmin", "wrong")).status_code == 401
    assert client.get(TARGET, headers=READER).status_code == 200
    refused = client.patch(TARGET, headers=READER, json={"isActive": False})
    assert refused.status_code == 403 and refused.json["message"].startswith("Authorization failure")
    assert client.get(TARGET, headers=ADMIN).json["isActive"] is True
