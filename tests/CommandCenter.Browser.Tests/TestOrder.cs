// One browser test class at a time: these tests measure what a person waits for (a dispatch reaching another wall
// within a second), and a second app server replaying its simulator's backfill on the same two cores would be measured
// instead.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
