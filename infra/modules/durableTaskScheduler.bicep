// The Durable Task Scheduler: a managed backend for Durable Functions, used instead of the Azure Storage provider
// when main.bicep's useDurableTaskScheduler is true. The task hub's name is the app's DurableTaskHub setting.

param name string
param location string
param tags object
param taskHubName string
@allowed(['Consumption', 'Dedicated'])
param skuName string

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: skuName == 'Dedicated' ? { name: skuName, capacity: 1 } : { name: skuName }
    // An empty list refuses every caller; access is still only with an Entra ID role on the scheduler.
    ipAllowlist: ['0.0.0.0/0']
  }

  resource taskHub 'taskHubs' = {
    name: taskHubName
  }
}

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
