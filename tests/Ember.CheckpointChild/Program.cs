// Saves checkpoint after checkpoint to args[0] until killed: version v has every parameter filled with v and epoch v
// (the optimizer's moments stay at 1), and "saved v" is printed once Save has returned. The parent kills it at a random moment and
// checks that the file always holds one whole version, never a torn or missing one.
using Ember;
using Ember.NN;
using Ember.Optim;
using Ember.Serialization;

string path = args[0];
var model = new Sequential(new Linear(1024, 1024), new Linear(1024, 512));
var optimizer = new Adam(model.Parameters(), lr: 0.1);
foreach (var p in model.Parameters()) p.Grad = Torch.OnesLike(p);
optimizer.Step(); // creates the moments
var state = optimizer.StateDict();
foreach (var entries in state.State.Values)
    foreach (var value in entries.Values) if (value is Tensor t && t.Dim > 0) t.Fill_(1);
optimizer.LoadStateDict(state);
for (long v = 1; ; v++)
{
    using (Torch.NoGrad())
        foreach (var p in model.Parameters()) p.Fill_(v);
    Checkpoint.Save(path, model, optimizer, epoch: v);
    Console.WriteLine($"saved {v}");
}
