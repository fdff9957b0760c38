# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.redaction import MASK, Redactor


def test_known_secret_masked_everywhere():
    redactor = Redactor(["s3cr3t-value"])
    assert "s3cr3t-value" not in redactor.text("password was s3cr3t-value, again s3cr3t-value")


def test_token_query_value_masked_even_when_unknown():
    text = Redactor().url("https://rpm.example.com/brpm/v1/environments?filters%5Bname%5D=QA&token=abcdef123")
    assert "abcdef123" not in text and "token=" + MASK in text and "filters%5Bname%5D=QA" in text


def test_authorization_headers_masked():
    text = Redactor().text("Authorization: bearer eyJhbGciOi.J9xyz and Basic ZmRhZG1pbjpwYXNz")
    assert "eyJhbGciOi" not in text and "ZmRhZG1pbjpwYXNz" not in text


def test_data_masks_secret_keys_and_values():
    redactor = Redactor(["hunter22"])
    data = redactor.data({"access_token": "abc123xyz", "note": "pw hunter22", "nested": [{"Password": "x1y2z3"}],
                          "name": "QA"})
    assert data == {"access_token": MASK, "note": "pw " + MASK, "nested": [{"Password": MASK}], "name": "QA"}


def test_short_values_are_not_registered():
    redactor = Redactor(["abc", None, ""])
    assert redactor.text("abc") == "abc"
