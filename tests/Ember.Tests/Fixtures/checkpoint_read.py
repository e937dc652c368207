# Reads an Ember checkpoint with torch.load and prints what it holds, for CheckpointTests. The weights-only unpickler
# of torch 1.13 (Debian's) has no BINFLOAT opcode (floats came to it in torch 2.0), so a checkpoint, which holds float
# options such as the learning rate, is read with the full unpickler here; state dicts are read weights-only elsewhere.
import sys
import torch

c = torch.load(sys.argv[1], weights_only=False)
opt = c["optimizer"]
print(f"keys={','.join(sorted(c))} epoch={c['epoch']} model={','.join(c['model'])} groups={len(opt['param_groups'])} "
      f"params={opt['param_groups'][0]['params']} states={len(opt['state'])} step={float(opt['state'][0]['step'])} "
      f"last_epoch={c['scheduler']['last_epoch']} rng={c['rng_state'].dtype}:{c['rng_state'].numel()} "
      f"wsum={c['model']['a.weight'].sum().item()}")
