#!/usr/bin/env bash
# Runs as PID 1 of fresh network, mount and PID namespaces (harness.ts starts it with unshare): only
# loopback exists, names resolve through the suite's hosts file, the fake Warehouse listens on
# 127.0.0.1:443, then one uploader command runs, bounded in time. When this script ends, the kernel
# ends every process left in the namespace, the fake Warehouse included.
# Usage: in-namespace.sh WORK CASE PROJECT COMMAND (NODE in the environment: the node to run it with)
set -euo pipefail
work=$1 case=$2 project=$3 command=$4

/usr/sbin/ip link set lo up
mount --bind "$work/hosts" /etc/hosts

"$NODE" "$work/fake-warehouse.mjs" "$case/warehouse.json" >"$case/warehouse.out" 2>&1 &
for _ in $(seq 200); do
  [[ -e $case/ready ]] && break
  sleep 0.025
done
if [[ ! -e $case/ready ]]; then
  echo "the fake Warehouse did not start:" >&2
  cat "$case/warehouse.out" >&2
  exit 97
fi

cd "$project"
# A clean environment: no proxy, no pyenv, no real ~/.pypirc or keyring; the CA made for this run.
# requests reads REQUESTS_CA_BUNDLE (SSL_CERT_FILE alone would not do).
status=0
env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$case/home" CASE="$case" \
  REQUESTS_CA_BUNDLE="$work/ca.pem" SSL_CERT_FILE="$work/ca.pem" \
  PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring \
  timeout 60 bash -c "$command" >"$case/tool.out" 2>&1 || status=$?
exit "$status"
