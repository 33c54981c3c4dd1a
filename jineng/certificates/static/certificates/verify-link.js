// The signed-link page: check the Ed25519 signature in the browser (WebCrypto) with the key set embedded in the
// page, show what that proves without the network, then ask the register for the current status.
(function () {
  "use strict";
  const box = document.getElementById("offline-check");
  if (!box) return;
  const text = JSON.parse(document.getElementById("verify-messages").textContent);
  const jwks = JSON.parse(document.getElementById("jwks").textContent);
  const token = box.dataset.payload;
  const signatureResult = document.getElementById("signature-result");
  const statusResult = document.getElementById("status-result");

  function decode(part) {
    if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error("alphabet");
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((part.length + 3) % 4);
    const binary = atob(b64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    // Only the one canonical spelling: a change in the unused bits of the last character must fail too.
    const again = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    if (again !== part) throw new Error("not canonical");
    return bytes;
  }

  async function verify() {
    const parts = token.split(".");
    if (parts.length !== 3) throw new Error("shape");
    const [headerBytes, payloadBytes, signature] = parts.map(decode);
    const header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerBytes));
    if (header.alg !== "Ed25519") throw new Error("alg");
    const jwk = (jwks.keys || []).find((k) => k.kid === header.kid);
    if (!jwk) throw new Error("kid");
    const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" },
      false, ["verify"]);
    const signed = new TextEncoder().encode(parts[0] + "." + parts[1]);
    const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, signature, signed);
    if (!ok) throw new Error("signature");
    return { header, claims: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payloadBytes)) };
  }

  function show(el, state, message) {
    el.dataset.state = state;
    el.textContent = message;
    el.className = "state state-" + state;
  }

  async function status() {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
      const answer = await response.json();
      const label = text[answer.result] || text.not_found;
      let message = label;
      if (answer.status_date) message += text.since.replace("%s", answer.status_date) + (answer.status_reason || "");
      if (answer.source_label) message += text.source.replace("%s", answer.source_label);
      show(statusResult, answer.result, message);
    } catch (error) {
      show(statusResult, "offline", text.offline);
    }
  }

  verify().then(({ header, claims }) => {
    show(signatureResult, "authentic", text.authentic);
    const fields = document.getElementById("signed-fields");
    for (const dd of fields.querySelectorAll("[data-field]")) {
      const name = dd.dataset.field;
      dd.textContent = name === "kid" ? header.kid : (claims[name] || "—");
    }
    fields.hidden = false;
    return status();
  }).catch(() => {
    show(signatureResult, "forged", text.forged);
    show(statusResult, "forged", text.not_checked);
  });
})();
