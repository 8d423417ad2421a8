// The invitation page: the proxy's web API does the work (GET and PUT
// /webapi/users/password/token); this script only shows the QR code and sends the form.
"use strict";

const token = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
const $ = (id) => document.getElementById(id);

function fail(message) {
  const status = $("status");
  status.hidden = false;
  status.className = "error";
  status.textContent = message;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error((json.error && json.error.message) || `${response.status} ${response.statusText}`);
  }
  return json;
}

async function load() {
  try {
    const invite = await call("GET", `/webapi/users/password/token/${encodeURIComponent(token)}`);
    $("user").textContent = invite.user;
    $("expires").textContent = new Date(invite.expires).toLocaleString();
    $("qr").src = `data:image/png;base64,${invite.qr_code}`;
    $("secret").textContent = new URL(invite.otp_auth_uri).searchParams.get("secret") || "";
    $("status").hidden = true;
    $("invite").hidden = false;
    $("invite").dataset.user = invite.user;
  } catch (e) {
    fail(`This invitation cannot be used: ${e.message}`);
  }
}

async function submit(event) {
  event.preventDefault();
  if ($("password").value !== $("confirm").value) {
    fail("The passwords do not match.");
    return;
  }
  try {
    const result = await call("PUT", "/webapi/users/password/token", {
      token,
      password: $("password").value,
      second_factor_token: $("otp").value.trim(),
    });
    $("invite").hidden = true;
    $("status").hidden = true;
    $("next").textContent = `tsh login --proxy=${location.host} --user=${result.user || $("invite").dataset.user}`;
    $("done").hidden = false;
  } catch (e) {
    fail(e.message);
  }
}

$("invite").addEventListener("submit", submit);
load();
