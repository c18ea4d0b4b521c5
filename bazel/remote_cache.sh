#!/usr/bin/env bash
# bazel/remote_cache.sh — a Bazel HTTP remote cache on loopback: nginx (Debian's, with its
# WebDAV module) serving PUT and GET under DIR/data.
#
#   bazel/remote_cache.sh start DIR [PORT]   prints the cache's URL (default port 8737)
#   bazel/remote_cache.sh stop DIR
#
# Bazel's HTTP cache protocol is plain GET and PUT of /ac/HASH and /cas/HASH; nginx stores
# each as a file (create_full_put_path makes ac/ and cas/). Nothing is ever evicted.
set -euo pipefail
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: bazel/remote_cache.sh start DIR [PORT] | stop DIR" >&2
  exit 2
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
case "$cmd" in
start)
  port=${3:-8737}
  if [ ! -x "$nginx" ]; then
    echo "remote_cache.sh: nginx is not installed (apt-get install nginx-light)" >&2
    exit 2
  fi
  mkdir -p "$dir/data" "$dir/tmp" "$dir/logs"
  dir=$(cd "$dir" && pwd)
  user_line=""
  if [ "$(id -u)" -eq 0 ]; then user_line="user root;"; fi
  cat > "$dir/nginx.conf" <<CONF
$user_line
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
daemon on;
events { worker_connections 256; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port;
    root $dir/data;
    client_max_body_size 0;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
CONF
  "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log"
  # Ready when it answers (a missing key is a 404).
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "http://127.0.0.1:$port"
      exit 0
    fi
    sleep 0.1
  done
  echo "remote_cache.sh: nginx did not start; see $dir/logs/error.log" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/nginx.pid" ]; then
    "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" -s stop || true
    for _ in $(seq 50); do
      [ -f "$dir/nginx.pid" ] || exit 0
      sleep 0.1
    done
  fi
  ;;
*)
  echo "usage: bazel/remote_cache.sh start DIR [PORT] | stop DIR" >&2
  exit 2
  ;;
esac
