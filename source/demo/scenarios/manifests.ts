// Manifest builders for the demo scenarios: the objects a user would `kubectl create -f`.
import type {Container, Deployment, Service} from '../../k8s/types.js';

export type DeploymentSpecInput = {
	name: string;
	labels: Record<string, string>;
	replicas: number;
	image: string;
	containerName?: string;
	containerPort?: number;
	strategy?: Deployment['spec']['strategy'];
	progressDeadlineSeconds?: number;
	annotations?: Record<string, string>;
	templateAnnotations?: Record<string, string>;
	readinessProbe?: Container['readinessProbe'];
};

export function deployment(input: DeploymentSpecInput): Deployment {
	const container: Container = {name: input.containerName ?? input.name, image: input.image, ports: [{containerPort: input.containerPort ?? 8080}]};
	if (input.readinessProbe) container.readinessProbe = input.readinessProbe;
	return {
		metadata: {name: input.name, labels: {...input.labels}, ...(input.annotations ? {annotations: {...input.annotations}} : {})},
		spec: {
			replicas: input.replicas,
			selector: {matchLabels: {...input.labels}},
			...(input.strategy ? {strategy: input.strategy} : {}),
			...(input.progressDeadlineSeconds ? {progressDeadlineSeconds: input.progressDeadlineSeconds} : {}),
			template: {
				metadata: {labels: {...input.labels}, ...(input.templateAnnotations ? {annotations: {...input.templateAnnotations}} : {})},
				spec: {containers: [container]},
			},
		},
	};
}

export function service(name: string, selector: Record<string, string>, targetPort = 8080): Service {
	return {metadata: {name}, spec: {selector, ports: [{port: 80, targetPort}]}};
}
