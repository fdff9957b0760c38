# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
from urllib.parse import quote, urlencode

from ansible_collections.envops.environments.plugins.module_utils.redaction import MASK, Redactor


def test_known_secret_masked_everywhere():
    redactor = Redactor(["s3cr3t-value"])
    assert "s3cr3t-value" not in redactor.text("password was s3cr3t-value, again s3cr3t-value")


def test_known_token_masked_in_the_forms_the_client_writes_it():
    token = "ab+c/d=e&f~g h"
    redactor = Redactor([token])
    url = "https://rpm.example.com/brpm/v1/environments?" + urlencode({"filters[name]": "QA", "token": token})
    text = redactor.url(url)
    assert "token=" + MASK in text and "filters%5Bname%5D=QA" in text
    body = json.dumps({"client_secret": token, "password": 'with "quotes" \\ ' + token})
    assert token not in redactor.text(body) and json.dumps(token)[1:-1] not in redactor.text(body)
    assert quote(token, safe="") not in redactor.text("path/" + quote(token, safe=""))


def test_basic_authorization_header_of_the_credentials_masked():
    redactor = Redactor()
    redactor.add_basic_credentials("fdadmin", "pass-word-1")
    header = "Authorization: Basic " + base64.b64encode(b"fdadmin:pass-word-1").decode()
    assert redactor.text(header) == "Authorization: Basic " + MASK


def test_words_that_are_not_secrets_stay():
    """Only known values are masked: server data that reads like a credential is data."""
    redactor = Redactor(["s3cr3t-value"])
    ordinary = ["Basic Users", "Bearer Bonds QA", "password: rotated by the vault team",
                "?token=public-page", 'authorization: "granted by the CAB"', "Basic ZmRhZG1pbjpwYXNz"]
    for text in ordinary:
        assert redactor.text(text) == text
    record = {"groupName": "Basic Users", "password": "visible description", "token": "not ours",
              "nested": [{"description": "pw s3cr3t-value"}]}
    assert redactor.data(record) == dict(record, nested=[{"description": "pw " + MASK}])


def test_data_masks_known_values_in_keys_and_strings():
    redactor = Redactor(["hunter22"])
    data = redactor.data({"note": "pw hunter22", "nested": [{"hunter22": "x"}], "name": "QA", "count": 3})
    assert data == {"note": "pw " + MASK, "nested": [{MASK: "x"}], "name": "QA", "count": 3}


def test_short_values_are_not_registered():
    redactor = Redactor(["abc", None, ""])
    assert redactor.text("abc") == "abc"
