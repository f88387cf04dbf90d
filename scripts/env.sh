# Sourced by serve.sh and test.sh: set everything up, then enter the project's environment.
# shellcheck shell=bash
scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate
# Voila template without CDN links (share/) and lab page config that disables MathJax/jupytext plugins (etc/)
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_CONFIG_PATH="$PWD/etc/jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
