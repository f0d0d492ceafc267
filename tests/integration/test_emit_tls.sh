#!/bin/sh
# test_emit_tls.sh - HTTPS certificates in emitted locustfiles: a one-sampler plan (made
# here) against the loopback HTTPS server of tests/integration/proxy/https_server.py,
# whose certificate is self-signed (made here with openssl, valid for localhost and
# 127.0.0.1, trusted by nobody). Run under Debian's Locust:
#   1. converted as is (HttpUser, then --locust-fast): JMeter trusts every certificate,
#      so do the users: every request succeeds and reaches the server, and Locust's
#      output has no InsecureRequestWarning;
#   2. converted with --tls-verify (HttpUser, then --locust-fast): every request fails
#      with a certificate verification error and none reaches the server.
# Skipped when Locust or openssl is missing (tools/install-deps installs them).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_emit_tls.XXXXXX")
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/data/emit/lib.sh"
tls_pid=""
cleanup() {
    [ -z "$tls_pid" ] || { kill "$tls_pid" 2>/dev/null || true; wait "$tls_pid" 2>/dev/null || true; }
    emit_cleanup
}
trap cleanup EXIT
trap 'exit 1' INT TERM
emit_require_locust
command -v openssl >/dev/null 2>&1 ||
    { echo "test_emit_tls: skipped: openssl is needed (tools/install-deps)"; exit 0; }

# ---- the HTTPS server, its self-signed certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" > "$tmp/openssl.log" 2>&1 ||
    { cat "$tmp/openssl.log" >&2; emit_fail "openssl could not make a certificate"; }
python3 "$root/tests/integration/proxy/https_server.py" "$tmp/cert.pem" "$tmp/key.pem" \
    "$tmp/sport" "$tmp/tls.log" &
tls_pid=$!
n=0
until [ -s "$tmp/sport" ]; do n=$((n + 1)); [ $n -le 200 ] || emit_fail "HTTPS server did not start"; sleep 0.05; done
sport=$(sed -n 1p "$tmp/sport")
: > "$tmp/tls.log"

cat > "$tmp/tls.jmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
  <hashTree>
    <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Self-signed" enabled="true"/>
    <hashTree>
      <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Users" enabled="true">
        <intProp name="ThreadGroup.num_threads">1</intProp>
        <intProp name="ThreadGroup.ramp_time">0</intProp>
        <elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController" enabled="true">
          <stringProp name="LoopController.loops">2</stringProp>
        </elementProp>
      </ThreadGroup>
      <hashTree>
        <HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="secure" enabled="true">
          <stringProp name="HTTPSampler.domain">localhost</stringProp>
          <stringProp name="HTTPSampler.port">${__P(sport)}</stringProp>
          <stringProp name="HTTPSampler.protocol">https</stringProp>
          <stringProp name="HTTPSampler.path">/tls?run=${__P(run)}</stringProp>
          <stringProp name="HTTPSampler.method">GET</stringProp>
          <boolProp name="HTTPSampler.use_keepalive">true</boolProp>
        </HTTPSamplerProxy>
        <hashTree/>
      </hashTree>
    </hashTree>
  </hashTree>
</jmeterTestPlan>
EOF

# tls_run NAME: $tmp/NAME.py under Locust; samples in $tmp/NAME.samples.jsonl, output in
# $tmp/NAME.locust.out
tls_run() {
    run_locust "$1" -J sport="$sport" -J run="$1"
}

# samples NAME EXPECTED: the labels of the samples recorded, "!" before failed ones
samples() {
    got=$(python3 -c 'import json, sys
print(" ".join(("" if s["success"] else "!") + s["label"]
               for s in map(json.loads, open(sys.argv[1]))))' "$tmp/$1.samples.jsonl")
    [ "$got" = "$2" ] || { tail -20 "$tmp/$1.locust.out" >&2; emit_fail "$1: samples [$got], expected [$2]"; }
}

# reached NAME: how many requests of run NAME the server answered
reached() {
    grep -c "run=$1\"" "$tmp/tls.log" || true
}

# ---- 1. as JMeter: every certificate trusted
for flags in "" "--locust-fast"; do
    name=trust${flags:+-fast}
    # shellcheck disable=SC2086
    emit "$tmp/tls.jmx" "$name" $flags
    tls_run "$name"
    samples "$name" "secure secure"
    [ "$(reached "$name")" -eq 2 ] || emit_fail "$name: the server did not get both requests"
    ! grep -q "InsecureRequestWarning\|Unverified HTTPS request" "$tmp/$name.locust.out" ||
        emit_fail "$name: urllib3 warned about the unverified requests"
done
grep -q "^        self.client.verify = False   # JMeter trusts all certificates$" "$tmp/trust.py" ||
    emit_fail "trust: no self.client.verify = False in on_start"
grep -q "^    insecure = True   # JMeter trusts all certificates$" "$tmp/trust-fast.py" ||
    emit_fail "trust-fast: no insecure = True"

# ---- 2. --tls-verify: the certificate is checked, and refused
for flags in "--tls-verify" "--locust-fast --tls-verify"; do
    case $flags in *fast*) name=verify-fast ;; *) name=verify ;; esac
    # shellcheck disable=SC2086
    emit "$tmp/tls.jmx" "$name" $flags
    grep -q "^# Generated by jmx2run .* --tls-verify\.$" "$tmp/$name.py" ||
        emit_fail "$name: the header does not name --tls-verify"
    ! grep -q "verify = False\|insecure = True\|disable_warnings" "$tmp/$name.py" ||
        emit_fail "$name: certificates are still trusted"
    tls_run "$name"
    samples "$name" "!secure !secure"
    grep -q "CERTIFICATE_VERIFY_FAILED" "$tmp/$name.locust.out" ||
        { tail -20 "$tmp/$name.locust.out" >&2; emit_fail "$name: no certificate error in Locust's output"; }
    [ "$(reached "$name")" -eq 0 ] || emit_fail "$name: a request reached the server"
done
echo "test_emit_tls: ok"
