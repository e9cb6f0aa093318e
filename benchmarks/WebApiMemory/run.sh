#!/bin/bash
# Peak resident memory (VmHWM) of the web sample while 8 clients post decompression-heavy images at
# once, loopback only and a fixed number of requests. Usage, from the repository root, after
# `dotnet build -c Release samples/FerNet.WebApi`:
#   benchmarks/WebApiMemory/run.sh [port]
# Inputs are made here: a 34 KB PNG of 5000 x 5000 gray pixels, and a FER2013 test JPEG (1,659 bytes)
# whose frame header is rewritten to claim 5000 x 5000.
set -euo pipefail
PORT=${1:-5399}
ROOT=$(pwd)
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$WORK" "$ROOT/../shared/fer2013/test/happy/PublicTest_10130075.jpg" <<'PY'
import struct, sys, zlib
work, face = sys.argv[1], sys.argv[2]
raw = b''.join(b'\x00' + bytes([128]) * 5000 for _ in range(5000))
chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(f'{work}/big.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 5000, 5000, 8, 0, 0, 0, 0))
                                   + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
jpeg = bytearray(open(face, 'rb').read())
at = next(i for i in range(2, len(jpeg) - 8) if jpeg[i] == 0xFF and jpeg[i + 1] in (0xC0, 0xC2))
struct.pack_into('>HH', jpeg, at + 5, 5000, 5000)
open(f'{work}/bomb.jpg', 'wb').write(bytes(jpeg))
PY

probe() { # endpoint file: 8 clients, one request each, on a fresh server
    (cd samples/FerNet.WebApi/bin/Release/net10.0 && exec dotnet FerNet.WebApi.dll --urls "http://127.0.0.1:$PORT") > "$WORK/server.log" 2>&1 &
    SERVER=$!
    until curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.5; done
    local start=$SECONDS pids=()
    : > "$WORK/codes"
    for _ in 1 2 3 4 5 6 7 8; do
        curl -s -o /dev/null -w '%{http_code}\n' -F "image=@$WORK/$2" "http://127.0.0.1:$PORT$1" >> "$WORK/codes" & pids+=($!)
    done
    wait "${pids[@]}"
    echo "$1 $2, 8 clients: $(sort "$WORK/codes" | uniq -c | xargs) in $((SECONDS - start)) s; peak $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$SERVER/status)"
    kill $SERVER; wait $SERVER 2>/dev/null || true
}

probe /analyze bomb.jpg
probe /analyze big.png
probe /predict big.png
