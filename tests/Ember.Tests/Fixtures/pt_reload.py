"""CHECK a file Ember wrote: torch.load(path, weights_only=True) must read it (with weights_only=False when the third
argument is 'floats': PyTorch 1.13's weights-only unpickler refuses the BINFLOAT opcode, which it then must do). Prints a
description of what was loaded (types, dtypes, sizes, strides, offsets, shared storages, parameters,
the bit patterns of every tensor's elements), and re-saves the loaded object with torch.save to the second path so that the test compares it with what it saved."""
import collections
import json
import pickle
import sys

import torch

src, dst = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "weights_only"
if mode == "floats":
    try:
        torch.load(src, weights_only=True)
        raise SystemExit("torch 1.13 weights_only=True was expected to refuse BINFLOAT")
    except pickle.UnpicklingError as e:
        assert "Unsupported operand 71" in str(e), str(e)
    obj = torch.load(src, weights_only=False)
else:
    obj = torch.load(src, weights_only=True)

storages = {}
BITS = {1: torch.int64, 2: torch.int16, 4: torch.int32, 8: torch.int64}


def bits(t):
    """The elements' bit patterns as integers, in row-major order (an exact channel for every dtype)."""
    flat = t.detach().reshape(-1).contiguous()
    if flat.element_size() == 1:
        return flat.to(torch.int64).tolist()
    return flat.view(BITS[flat.element_size()]).tolist()



def describe(o):
    if isinstance(o, torch.Tensor):
        ptr = o.storage().data_ptr()
        storages.setdefault(ptr, len(storages))
        return {"tensor": str(o.dtype), "size": list(o.shape), "stride": list(o.stride()), "offset": o.storage_offset(),
                "storage": storages[ptr], "parameter": isinstance(o, torch.nn.Parameter), "requires_grad": o.requires_grad,
                "bits": bits(o)}
    if isinstance(o, collections.OrderedDict):
        return {"OrderedDict": [[repr(k), describe(v)] for k, v in o.items()]}
    if isinstance(o, dict):
        return {"dict": [[repr(k), describe(v)] for k, v in o.items()]}
    if isinstance(o, list):
        return {"list": [describe(v) for v in o]}
    if isinstance(o, tuple):
        return {"tuple": [describe(v) for v in o]}
    return {type(o).__name__: repr(o)}


print(json.dumps(describe(obj)))
torch.save(obj, dst)
