# Sourced by scripts/image and scripts/test: which container engine to use,
# as design.md says. $CONTAINER when set; else podman when `podman info`
# works; else docker when `docker info` works. $CONTAINER_FLAGS (split on
# white space) go to every engine call.

# container_flags fills the array "flags" from $CONTAINER_FLAGS.
container_flags() {
  read -r -a flags <<<"${CONTAINER_FLAGS:-}"
}

# container_engine prints the engine to use, or nothing when none works.
container_engine() {
  local flags
  container_flags
  if [ -n "${CONTAINER:-}" ]; then
    echo "$CONTAINER"
  elif command -v podman >/dev/null 2>&1 && podman "${flags[@]}" info >/dev/null 2>&1; then
    echo podman
  elif command -v docker >/dev/null 2>&1 && docker "${flags[@]}" info >/dev/null 2>&1; then
    echo docker
  fi
}
