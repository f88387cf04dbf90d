"""Server-side plumbing for the Voila apps (no models, no widgets).

- ``identity``: Voila without cookies.
- ``kernels``: the kernel manager that caps kernels and their memory, culls pages that never
  connected or whose websocket closed, keeps a pool per app and names kernels so that nginx can
  route a page's websocket to the Voila process that owns its kernel.
- ``websocket``: the kernel websocket that refuses malformed binary frames before decoding them.
- ``logs``: Voila's log without whole kernel ids.
- ``kernel_log`` and ``widget_guard``: inside a kernel, errors and warnings to the server log, no
  widgets created by the page.
- ``budget``: kernel cap × memory limit (and pools) within the machine, for scripts/serve.sh.
Configured in voila.json.
"""
