"""GENERATE hostile files: <dir>/evil_system.pt, a torch.save archive whose data.pkl calls os.system('touch <marker>')
when unpickled by plain pickle (an object's __reduce__), and <dir>/evil_eval.pt, whose payload is builtins.eval. Before
writing them, checks that PyTorch's own torch.load(weights_only=True) refuses both (and so never runs them)."""
import builtins
import pickle
import os
import sys

import torch

out, marker = sys.argv[1], sys.argv[2]


class System:
    def __reduce__(self):
        return (os.system, (f"touch {marker}",))


class Eval:
    def __reduce__(self):
        return (builtins.eval, (f"open({marker!r}, 'w').close()",))


for name, payload in [("evil_system.pt", System()), ("evil_eval.pt", Eval())]:
    path = f"{out}/{name}"
    torch.save({"weight": torch.ones(2), "payload": payload}, path)
    try:
        torch.load(path, weights_only=True)
        raise SystemExit(f"torch.load(weights_only=True) accepted {name}")
    except pickle.UnpicklingError as e:
        print(name, "refused by torch:", str(e).splitlines()[-1])
assert not os.path.exists(marker)
