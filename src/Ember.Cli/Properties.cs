using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Ember.Tests")]
