"""GENERATE: torchvision's ResNet-18 (torch.manual_seed(0), random init; batch-norm statistics and affine parameters set
to random values so that they matter), in eval mode: its state_dict saved by torch.save to <dir>/resnet18.pt, and an
input batch with the logits PyTorch computes for it saved to <dir>/io.pt."""
import sys

import torch
import torchvision

out = sys.argv[1]
torch.manual_seed(0)
model = torchvision.models.resnet18()
with torch.no_grad():
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.2, 0.2)
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 2.0)
            m.num_batches_tracked.fill_(7)
model.eval()
x = torch.randn(2, 3, 96, 96)
with torch.no_grad():
    logits = model(x)
torch.save(model.state_dict(), f"{out}/resnet18.pt")
torch.save({"input": x, "logits": logits}, f"{out}/io.pt")
