// samples: filled in with metrex check
